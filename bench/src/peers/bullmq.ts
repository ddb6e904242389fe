/** BullMQ on the local Redis, under this run's key prefix. */
import { createRequire } from 'node:module';
import { Queue } from 'bullmq';

export const BULLMQ_VERSION: string = (
  createRequire(import.meta.url)('bullmq/package.json') as { version: string }
).version;

export interface BullTarget {
  redisUrl: string;
  prefix: string;
}

export function bullConnection(redisUrl: string): { host: string; port: number; maxRetriesPerRequest: null } {
  const url = new URL(redisUrl);
  return { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null };
}

/**
 * A BullMQ queue. Completed jobs are removed (removeOnComplete) because Sharq keeps nothing for a completed
 * job either (ACCEPT); keeping 100k completed hashes would only slow BullMQ down.
 */
export function bullQueue(target: BullTarget, name: string): Queue {
  return new Queue(name, {
    connection: bullConnection(target.redisUrl),
    prefix: target.prefix,
    defaultJobOptions: { removeOnComplete: true, removeOnFail: 1000 },
  });
}
