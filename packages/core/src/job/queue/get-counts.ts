/**
 * getCounts: four numbers, each from where that state lives.
 *   waiting  share-group lag (records not yet settled) minus active. Lag also counts records
 *            acquired by a worker, so subtracting what live workers report holding leaves the
 *            ones nobody holds. Best effort: the two reads are not atomic. On a key-ordered queue
 *            the lag is the ordered classic group's (end offset − committed offset, which also
 *            counts jobs finished behind an unfinished one of another key: waiting is an upper bound).
 *   active   jobs held by live (non-stale) workers, from the presence topic.
 *   delayed  bucket records whose hop is still pending (forward-at in the future). A job counts
 *            once: the bucket copy it left is past its forward-at. Due records a stopped
 *            forwarder has not moved yet are not counted. Reading resumes per partition from
 *            a cursor, so a bucket is read once, not on every call.
 *   dead     DLQ entries that are neither purged nor replayed (a full DLQ read, unless the caller keeps a
 *            DeadJobIndex and passes its count: the dashboard does).
 */
import type { Engine } from '../../engine/engine.js';
import { readDelaySchedule } from '../delay/delay-route.js';
import { countDeadJobs } from '../dlq/list-dead-jobs.js';
import { readPresence } from '../presence/read-presence.js';
import type { QueueOrdering } from '../ordering/ordering-mode.js';
import type { DelayBucket, QueueTopology } from '../topology.js';

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  dead: number;
}

export class QueueCounter {
  private readonly engine: Engine;
  private readonly topology: QueueTopology;
  /** topic → partition → first offset that may still be pending. */
  private readonly cursors = new Map<string, Record<number, number>>();

  private readonly deadCount: () => Promise<number>;
  private readonly ordering: QueueOrdering;

  constructor(
    engine: Engine,
    topology: QueueTopology,
    options: { deadCount?: () => Promise<number>; ordering?: QueueOrdering } = {},
  ) {
    this.engine = engine;
    this.topology = topology;
    this.ordering = options.ordering ?? 'share';
    this.deadCount = options.deadCount ?? (() => countDeadJobs(engine, topology));
  }

  async counts(now = Date.now()): Promise<QueueCounts> {
    const [lag, active, delayed, dead] = await Promise.all([
      this.lag(),
      this.active(now),
      this.delayed(now),
      this.deadCount(),
    ]);
    return { waiting: Math.max(0, lag - active), active, delayed, dead };
  }

  private async lag(): Promise<number> {
    const { group, orderedGroup, topic } = this.topology;
    const lags =
      this.ordering === 'key'
        ? await this.engine.describeGroupOffsets(orderedGroup, [topic])
        : await this.engine.describeShareGroupOffsets(group, [topic]);
    return lags.reduce((sum, partition) => sum + Math.max(0, partition.lag), 0);
  }

  private async active(now: number): Promise<number> {
    const workers = await readPresence(this.engine, this.topology, { now, includeStale: false });
    return workers.reduce((sum, worker) => sum + worker.jobs.length, 0);
  }

  private async delayed(now: number): Promise<number> {
    const smallest = this.topology.delayBuckets[0]?.bucketMs ?? 0;
    const counts = await Promise.all(
      this.topology.delayBuckets.map((bucket) => this.pending(bucket, now, smallest)),
    );
    return counts.reduce((a, b) => a + b, 0);
  }

  private async pending(bucket: DelayBucket, now: number, smallest: number): Promise<number> {
    const cursor = this.cursors.get(bucket.topic) ?? {};
    const records = await this.engine.readTopic(bucket.topic, { fromOffsets: cursor });
    // forward-at grows with the offset in every bucket but the smallest, where it can be
    // out of order by less than the bucket: there the cursor stays a bucket behind.
    const settledBefore = bucket.bucketMs === smallest ? now - bucket.bucketMs : now;
    const next: Record<number, number> = { ...cursor };
    const stopped = new Set<number>();
    let pending = 0;
    for (const record of records) {
      const forwardAt = readDelaySchedule(record)?.forwardAt ?? 0;
      if (forwardAt > now) pending++;
      // The cursor moves past the leading run of settled records of each partition only.
      if (stopped.has(record.partition)) continue;
      if (forwardAt <= settledBefore) next[record.partition] = record.offset + 1;
      else stopped.add(record.partition);
    }
    this.cursors.set(bucket.topic, next);
    return pending;
  }
}
