import { KafkaEngine } from '@sharq/core';
import { testBrokers } from '@sharq/testkit';
import { runControlContract } from '../../control/worker.control.contract.js';

runControlContract(
  'kafka',
  () => new KafkaEngine({ brokers: testBrokers(), clientId: 'sharq-worker-control' }),
  {
    settleMs: 15_000,
  },
);
