import { testBrokers } from '@sharq/testkit';
import { KafkaEngine } from '../../../../src/kafka/engine.js';
import { runSchedulerContract } from '../../../job/schedule/scheduler.contract.js';

runSchedulerContract(
  'kafka',
  () => new KafkaEngine({ brokers: testBrokers(), clientId: 'sharq-scheduler-contract' }),
  { settleMs: 10_000 },
);
