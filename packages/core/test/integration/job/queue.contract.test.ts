import { testBrokers } from '@sharq/testkit';
import { KafkaEngine } from '../../../src/kafka/engine.js';
import { runQueueContract } from '../../job/queue.contract.js';
import { expectedCapabilities } from '../kafka-release.js';

runQueueContract('kafka', () => new KafkaEngine({ brokers: testBrokers(), clientId: 'sharq-job-contract' }), {
  settleMs: 10_000,
  checkDelayLatency: true,
  brokerDlq: expectedCapabilities.brokerDlq,
});
