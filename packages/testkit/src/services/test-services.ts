import { TestkitError } from '../errors.js';
import { probeApiVersions } from '../kafka/api-versions-probe.js';
import { splitHostPort } from '../kafka/broker-address.js';
import { brokerInfo, describeBroker, servesShareGroups } from '../kafka/broker-info.js';
import { type LocalKafka, startLocalKafka } from '../kafka/local-kafka.js';
import { memoryOf } from '../process/process-info.js';
import { ensureRedis, type RedisService } from '../redis/ensure-redis.js';

/** The Kafka broker and Redis a test run uses, and how to release them. */
export interface TestServices {
  readonly brokers: string[];
  /** The broker this call started, or undefined when SHARQ_KAFKA_BROKERS pointed at an existing one. */
  readonly kafka: LocalKafka | undefined;
  readonly redis: RedisService;
  stop(): Promise<void>;
}

const MB = 1024 * 1024;

/**
 * Provides the services integration tests need and exports SHARQ_KAFKA_BROKERS for them (child processes
 * and vitest workers inherit it): an existing broker if SHARQ_KAFKA_BROKERS is already set (checked to
 * serve share groups), otherwise a fresh local broker of SHARQ_KAFKA_VERSION (default 4.4.0), whose release
 * is exported as SHARQ_KAFKA_VERSION too; and Redis, started if nothing answers.
 */
export async function startTestServices(
  options: { log?: (line: string) => void } = {},
): Promise<TestServices> {
  const log = options.log ?? (() => {});
  const given = process.env.SHARQ_KAFKA_BROKERS;
  let kafka: LocalKafka | undefined;
  let brokers: string[];
  if (given) {
    brokers = given.split(',').map((broker) => broker.trim());
    await checkExistingBroker(brokers[0] ?? '', log);
  } else {
    kafka = await startLocalKafka({ log });
    brokers = kafka.brokers;
    process.env.SHARQ_KAFKA_BROKERS = kafka.bootstrap;
    process.env.SHARQ_KAFKA_VERSION = kafka.release.version;
    const rss = kafka.memory()?.rssBytes;
    log(`${describeBroker(kafka.info, kafka.bootstrap)}`);
    log(
      `broker pid ${kafka.pid} started in ${kafka.startupMs} ms` +
        `${rss === undefined ? '' : `, RSS ${Math.round(rss / MB)} MB`}; log ${kafka.logFile}`,
    );
  }
  let redis: RedisService;
  try {
    redis = await ensureRedis({ log });
  } catch (error) {
    await kafka?.stop();
    throw error;
  }
  return {
    brokers,
    kafka,
    redis,
    async stop() {
      if (kafka !== undefined) {
        const memory = kafka.pid === undefined ? undefined : memoryOf(kafka.pid);
        if (memory?.peakRssBytes !== undefined) {
          log(
            `broker peak RSS ${Math.round(memory.peakRssBytes / MB)} MB (now ${Math.round(memory.rssBytes / MB)} MB)`,
          );
        }
        await kafka.stop();
        if (process.env.SHARQ_KAFKA_BROKERS === kafka.bootstrap) delete process.env.SHARQ_KAFKA_BROKERS;
        log(`stopped broker ${kafka.bootstrap}`);
      }
      await redis.stop();
    },
  };
}

async function checkExistingBroker(broker: string, log: (line: string) => void): Promise<void> {
  const { host, port } = splitHostPort(broker);
  let answer: Awaited<ReturnType<typeof probeApiVersions>>;
  try {
    answer = await probeApiVersions(host, port);
  } catch (error) {
    throw new TestkitError(
      'KAFKA_PROBE_FAILED',
      `SHARQ_KAFKA_BROKERS=${broker} is set but no Kafka broker answers there; start it, or unset` +
        ' SHARQ_KAFKA_BROKERS to let the testkit start a broker for this run',
      { cause: error },
    );
  }
  // ApiVersions does not carry the release; only a broker we started tells us (from its log).
  const info = brokerInfo(answer, undefined);
  if (!servesShareGroups(answer)) {
    throw new TestkitError(
      'KAFKA_FEATURE_MISSING',
      `SHARQ_KAFKA_BROKERS=${broker} does not serve share groups (share.version >= 1): ${describeBroker(info, broker)}`,
    );
  }
  log(`using SHARQ_KAFKA_BROKERS: ${describeBroker(info, broker)}`);
}
