import { testBrokers } from '@sharq/testkit';
import { KafkaEngine } from '../../../../src/kafka/engine.js';
import { runPriorityContract } from '../../../job/priority/priority.contract.js';

runPriorityContract(
  'kafka',
  () => new KafkaEngine({ brokers: testBrokers(), clientId: 'sharq-priority-contract' }),
  10_000,
);
