import { join } from 'node:path';

/** System property every testkit JVM carries, so stale-run cleanup can tell our brokers from anyone else's. */
export const RUN_MARKER_PROPERTY = 'sharq.testkit.run';

/**
 * slf4j-simple settings: WARN and above for everything, plus the few INFO lines that say which version
 * started and when it is up. Everything lands on stderr, which the launcher sends to the broker log file.
 */
const LOGGING = [
  '-Dorg.slf4j.simpleLogger.defaultLogLevel=warn',
  // "Kafka version: x.y.z" (the class moved to an internals package in 4.x; both names are harmless).
  '-Dorg.slf4j.simpleLogger.log.org.apache.kafka.common.utils.AppInfoParser=info',
  '-Dorg.slf4j.simpleLogger.log.org.apache.kafka.common.utils.internals.AppInfoParser=info',
  '-Dorg.slf4j.simpleLogger.log.kafka.server.KafkaRaftServer=info',
  '-Dorg.slf4j.simpleLogger.showDateTime=true',
  '-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS',
];

export interface BrokerJvm {
  readonly libsDir: string;
  readonly configFile: string;
  /** Max heap, JVM syntax (e.g. 768m). */
  readonly heap: string;
  /** Identifies the run (its data folder); recorded as a system property on the command line. */
  readonly runId: string;
}

/** Arguments for `java` to run the broker: bounded heap, Kafka's own GC defaults, our logging. */
export function brokerJvmArgs(jvm: BrokerJvm): string[] {
  return [
    `-Xmx${jvm.heap}`,
    '-Xms128m',
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-XX:InitiatingHeapOccupancyPercent=35',
    '-XX:+ExplicitGCInvokesConcurrent',
    '-Djava.awt.headless=true',
    `-D${RUN_MARKER_PROPERTY}=${jvm.runId}`,
    ...LOGGING,
    '-cp',
    join(jvm.libsDir, '*'),
    'kafka.Kafka',
    jvm.configFile,
  ];
}

/** Arguments for a short-lived Kafka tool JVM (StorageTool, FeatureCommand): small heap, fast startup. */
export function toolJvmArgs(libsDir: string, mainClass: string, args: readonly string[]): string[] {
  return [
    '-Xmx256m',
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    '-Djava.awt.headless=true',
    '-Dorg.slf4j.simpleLogger.defaultLogLevel=warn',
    '-cp',
    join(libsDir, '*'),
    mainClass,
    ...args,
  ];
}
