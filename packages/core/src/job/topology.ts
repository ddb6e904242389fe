/**
 * Topic and group names of one queue. Every name is derived here so the worker, the CLI
 * and the dashboard can never disagree about where a queue keeps its state.
 *
 *   queue topic      <prefix>.<q>                 jobs waiting/active (share group <prefix>.<q>)
 *   DLQ topic        dlq.<prefix>.<q>             dead jobs; the broker insists on the "dlq." prefix (KIP-1191)
 *   DLQ state        <prefix>.<q>.dlq-state       compacted: replay/purge markers per DLQ record
 *   events topic     <prefix>.<q>.events          job lifecycle events for QueueEvents
 *   presence topic   <prefix>.<q>.workers         compacted, key = worker id
 *   schedulers       <prefix>.<q>.schedulers      compacted: job schedulers, their last fired tick, the firing lease
 *   control topic    <prefix>.<q>.control         compacted: queue-wide pause state
 *   dedup topic      <prefix>.<q>.dedup           deduplication claims/releases (created on first use)
 *   ordered group    <prefix>.<q>.ordered         classic group of a key-ordered queue (ordering: 'key')
 *   delay buckets    <prefix>.<q>.delay.<ms>      classic group <prefix>.<q>.delay forwards due records
 */
import { ValidationError } from '../errors.js';

/**
 * Delay buckets (ms). A delayed record hops to the largest bucket not above its remaining
 * delay and is forwarded when that bucket's wait is over, so a one-day delay takes ~30 hops
 * through the 1 h bucket and a few through the small ones. Within a bucket every record waits
 * the same time, so the head of each partition is always the next one due: the forwarder
 * waits on the head without polling.
 */
export const DELAY_BUCKETS_MS: readonly number[] = [1_000, 5_000, 30_000, 300_000, 3_600_000];

export const DEFAULT_PREFIX = 'sharq';

export interface DelayBucket {
  bucketMs: number;
  topic: string;
}

export interface QueueTopology {
  queue: string;
  prefix: string;
  topic: string;
  group: string;
  dlqTopic: string;
  dlqStateTopic: string;
  eventsTopic: string;
  presenceTopic: string;
  schedulersTopic: string;
  controlTopic: string;
  dedupTopic: string;
  /** Classic group of a key-ordered queue (ordering: 'key'): consumes the queue topic instead of the share group. */
  orderedGroup: string;
  delayBuckets: readonly DelayBucket[];
  delayGroup: string;
}

/** Kafka allows [a-zA-Z0-9._-]; dots are ours (they separate the derived names), so names may not contain them. */
const NAME = /^[A-Za-z0-9_-]{1,180}$/;

export function assertQueueName(queue: string, path = 'name'): void {
  if (!NAME.test(queue)) {
    const message = `${path}: must be 1-180 characters of [A-Za-z0-9_-] (got ${JSON.stringify(queue)})`;
    throw new ValidationError(message, [{ path, message }]);
  }
}

export function queueTopology(queue: string, prefix: string = DEFAULT_PREFIX): QueueTopology {
  assertQueueName(queue, 'name');
  assertQueueName(prefix, 'prefix');
  const base = `${prefix}.${queue}`;
  return {
    queue,
    prefix,
    topic: base,
    group: base,
    dlqTopic: `dlq.${base}`,
    dlqStateTopic: `${base}.dlq-state`,
    eventsTopic: `${base}.events`,
    presenceTopic: `${base}.workers`,
    schedulersTopic: `${base}.schedulers`,
    controlTopic: `${base}.control`,
    dedupTopic: `${base}.dedup`,
    orderedGroup: `${base}.ordered`,
    delayBuckets: DELAY_BUCKETS_MS.map((bucketMs) => ({ bucketMs, topic: `${base}.delay.${bucketMs}` })),
    delayGroup: `${base}.delay`,
  };
}
