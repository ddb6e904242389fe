export { uniqueName } from './names.js';
export { testBrokers, testRedisUrl } from './env.js';
export { TestkitError, type TestkitErrorCode } from './errors.js';
export { startLocalKafka, type LocalKafka, type StartLocalKafkaOptions } from './kafka/local-kafka.js';
export {
  startLocalCluster,
  type ClusterNode,
  type LocalKafkaCluster,
  type StartLocalClusterOptions,
} from './kafka/local-cluster.js';
export {
  startDetachedKafka,
  stopDetachedKafka,
  detachedKafkaStatus,
  type DetachedKafkaOptions,
  type DetachedKafkaStatus,
} from './kafka/detached-kafka.js';
export { ensureKafkaLibs, type ResolvedKafka } from './kafka/resolve-kafka.js';
export { probeApiVersions } from './kafka/api-versions-probe.js';
export { splitHostPort } from './kafka/broker-address.js';
export type { ApiVersionRange, ApiVersionsAnswer, FeatureRange } from './kafka/api-versions-codec.js';
export { type BrokerInfo, describeBroker, servesShareGroups } from './kafka/broker-info.js';
export { KAFKA_VERSION, SHARE_API_KEYS, SHARE_FEATURE, SHARE_FEATURE_LEVEL } from './kafka/constants.js';
export {
  DEFAULT_KAFKA_VERSION,
  KAFKA_VERSION_ENV,
  type KafkaRelease,
  kafkaRelease,
  selectedKafkaRelease,
} from './kafka/kafka-version.js';
export type { PropertyValue } from './kafka/server-properties.js';
export { ensureRedis, type RedisService } from './redis/ensure-redis.js';
export { startTestServices, type TestServices } from './services/test-services.js';
export { childPids } from './process/process-info.js';
