import { KafkaEngine } from '@sharq/core';
import { testBrokers } from '@sharq/testkit';
import { runOrderingContract } from '../../ordering/worker.ordering.contract.js';

runOrderingContract(
  'kafka',
  () => new KafkaEngine({ brokers: testBrokers(), clientId: 'sharq-worker-ordering' }),
  { settleMs: 15_000 },
);
