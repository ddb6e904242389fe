/**
 * The KIP-932 share consumer. `createKafkaShareConsumer(cluster, options)` is what the Kafka engine uses;
 * `createShareConsumer(transport, options)` takes any ShareTransport (tests, instrumentation).
 */
import type { Cluster } from '../../client/cluster.js';
import { ClusterShareTransport } from './cluster-transport.js';
import type { ShareConsumerConfig } from './options.js';
import { KafkaShareConsumer } from './share-consumer.js';
import type { ShareTransport } from './transport.js';

export { ClusterShareTransport } from './cluster-transport.js';
export type { ShareConsumerConfig } from './options.js';
export { KafkaShareConsumer } from './share-consumer.js';
export type { ShareTransport } from './transport.js';

export function createShareConsumer(
  transport: ShareTransport,
  options: ShareConsumerConfig,
): KafkaShareConsumer {
  return new KafkaShareConsumer(transport, options);
}

export function createKafkaShareConsumer(cluster: Cluster, options: ShareConsumerConfig): KafkaShareConsumer {
  return new KafkaShareConsumer(new ClusterShareTransport(cluster), options);
}
