/** The one Kafka release the testkit runs, and what it must advertise to count as usable. */
export const KAFKA_VERSION = '4.4.0';
export const SCALA_VERSION = '2.13';

/** Maven coordinates resolved into the cache: the broker plus the tools jar (perf tools, FeatureCommand). */
export const KAFKA_ARTIFACTS = [
  { groupId: 'org.apache.kafka', artifactId: `kafka_${SCALA_VERSION}`, version: KAFKA_VERSION },
  { groupId: 'org.apache.kafka', artifactId: 'kafka-tools', version: KAFKA_VERSION },
  // Kafka ships slf4j-api 1.7 without a binding; slf4j-simple is the cheapest way to get a broker log.
  { groupId: 'org.slf4j', artifactId: 'slf4j-simple', version: '1.7.36' },
] as const;

/** Pinned so `mvn` never has to look up the latest plugin version (offline-safe once ~/.m2 has it). */
export const MAVEN_DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';

export const MIN_JAVA_MAJOR = 17;

/** ShareGroupHeartbeat, ShareGroupDescribe, ShareFetch, ShareAcknowledge (KIP-932). */
export const SHARE_API_KEYS = [76, 77, 78, 79] as const;

/** share.version 2 is share groups plus the broker-side dead-letter queue on 4.4. */
export const SHARE_FEATURE = 'share.version';
export const SHARE_FEATURE_LEVEL = 2;

export const DEFAULT_HEAP = '768m';
