import { DEFAULT_KAFKA_VERSION } from './kafka-version.js';

/** The release the testkit runs unless SHARQ_KAFKA_VERSION (or an explicit option) picks another (kafka-version.ts). */
export const KAFKA_VERSION = DEFAULT_KAFKA_VERSION;
export const SCALA_VERSION = '2.13';

export interface MavenArtifact {
  readonly groupId: string;
  readonly artifactId: string;
  readonly version: string;
}

/**
 * Maven coordinates resolved into the cache for one release: the broker plus the tools jar (perf tools,
 * FeatureCommand). The main classes (kafka.Kafka, kafka.tools.StorageTool) are the same in 4.2–4.4.
 */
export function kafkaArtifacts(version: string): readonly MavenArtifact[] {
  return [
    { groupId: 'org.apache.kafka', artifactId: `kafka_${SCALA_VERSION}`, version },
    { groupId: 'org.apache.kafka', artifactId: 'kafka-tools', version },
    // Kafka ships slf4j-api 1.7 without a binding; slf4j-simple is the cheapest way to get a broker log.
    { groupId: 'org.slf4j', artifactId: 'slf4j-simple', version: '1.7.36' },
  ];
}

/** Pinned so `mvn` never has to look up the latest plugin version (offline-safe once ~/.m2 has it). */
export const MAVEN_DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';

export const MIN_JAVA_MAJOR = 17;

/** ShareGroupHeartbeat, ShareGroupDescribe, ShareFetch, ShareAcknowledge (KIP-932). */
export const SHARE_API_KEYS = [76, 77, 78, 79] as const;

/** share.version 1 is share groups (4.2+); 2 adds the broker-side dead-letter queue (4.4, KIP-1191). */
export const SHARE_FEATURE = 'share.version';
/** The level a default (4.4) test broker is formatted with. */
export const SHARE_FEATURE_LEVEL = 2;

export const DEFAULT_HEAP = '768m';
