import { testBrokers } from '@sharq/testkit';
import { KafkaEngine } from '../../../../src/kafka/engine.js';
import { runDedupContract } from '../../../job/dedup/dedup.contract.js';

runDedupContract(
  'kafka',
  () => new KafkaEngine({ brokers: testBrokers(), clientId: 'sharq-dedup-contract' }),
  10_000,
);
