import { testBrokers } from '@sharq/testkit';
import { KafkaEngine } from '../../../src/kafka/engine.js';
import { runEngineContract } from '../../engine-contract/engine-contract.js';

// The dev broker allows lock durations down to 1 s; 2 s leaves room for the broker's lock timer granularity.
runEngineContract('kafka', () => new KafkaEngine({ brokers: testBrokers(), clientId: 'sharq-contract' }), {
  lockDurationMs: 2000,
  settleMs: 15_000,
});
