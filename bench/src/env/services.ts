/**
 * Services a scenario measures on: its OWN Kafka broker (never the shared dev broker, whose load is shared)
 * and the Redis at REDIS_URL / 127.0.0.1:6379, where BullMQ keys live under a prefix of this run that is
 * removed afterwards (only our own keys: SCAN + UNLINK on the prefix).
 */
import { type LocalKafka, startLocalKafka } from '@sharq/testkit';
import { Redis } from 'ioredis';

export async function startBenchKafka(log: (line: string) => void): Promise<LocalKafka> {
  const started = performance.now();
  const kafka = await startLocalKafka({
    heap: '1g',
    log,
    properties: {
      // A long lock keeps slow jobs from expiring while the 2-core machine is busy.
      'group.share.record.lock.duration.ms': 30_000,
      'group.share.max.record.lock.duration.ms': 60_000,
    },
  });
  log(`kafka ${kafka.bootstrap} up in ${Math.round(performance.now() - started)} ms`);
  return kafka;
}

export function redisClient(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
}

export async function redisVersion(url: string): Promise<string> {
  const redis = redisClient(url);
  try {
    const info = await redis.info('server');
    return /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
  } finally {
    redis.disconnect();
  }
}

/** Deletes every key under `prefix:` (BullMQ's key prefix of this run). */
export async function dropRedisPrefix(url: string, prefix: string): Promise<number> {
  const redis = redisClient(url);
  let removed = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) removed += await redis.unlink(...keys);
    } while (cursor !== '0');
    return removed;
  } finally {
    redis.disconnect();
  }
}
