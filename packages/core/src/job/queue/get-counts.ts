/**
 * getCounts: four numbers, each from where that state lives.
 *   waiting  share-group lag (records not yet settled) minus active. Lag also counts records
 *            acquired by a worker, so subtracting what live workers report holding leaves the
 *            ones nobody holds. Best effort: the two reads are not atomic. On a key-ordered queue
 *            the lag is the ordered classic group's (end offset − committed offset, which also
 *            counts jobs finished behind an unfinished one of another key: waiting is an upper bound).
 *            With priority levels (`priorities: N`), the lag of every level's topic (they share the
 *            group).
 *            counts({ byPriority: true }) adds `waitingByPriority`: the lag per level, highest
 *            first. Held jobs stay in their level's number there: presence does not say which
 *            level a held job came from.
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
import { levelTopics, priorityTopic } from '../priority/levels.js';
import type { DelayBucket, QueueTopology } from '../topology.js';

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  dead: number;
}

export interface PriorityCounts extends QueueCounts {
  /**
   * Per level, highest first (index 0 = level 1, the last = the lowest level, the queue topic): records not
   * yet settled, held ones included. One entry for a queue without levels.
   */
  waitingByPriority: number[];
}

export interface QueueCounterOptions {
  /** Like DeadJobIndex's count; else a full DLQ read per call. */
  deadCount?: () => Promise<number>;
  /**
   * The queue's `priorities` (1: none). Unknown (a reader without the queue's options: `sharq status`, the
   * dashboard): the level topics that exist are found on each call until some are.
   */
  levels?: number;
  /** The queue's `ordering`: a key-ordered queue's waiting jobs are its ordered classic group's lag. */
  ordering?: QueueOrdering;
}

export class QueueCounter {
  private readonly engine: Engine;
  private readonly topology: QueueTopology;
  /** topic → partition → first offset that may still be pending. */
  private readonly cursors = new Map<string, Record<number, number>>();

  private readonly deadCount: () => Promise<number>;
  private readonly ordering: QueueOrdering;
  private levels: number | undefined;

  constructor(engine: Engine, topology: QueueTopology, options: QueueCounterOptions = {}) {
    this.engine = engine;
    this.topology = topology;
    this.ordering = options.ordering ?? 'share';
    this.deadCount = options.deadCount ?? (() => countDeadJobs(engine, topology));
    this.levels = options.levels;
  }

  async counts(now?: number): Promise<QueueCounts>;
  async counts(now: number | undefined, options: { byPriority: true }): Promise<PriorityCounts>;
  async counts(
    now = Date.now(),
    options: { byPriority?: boolean } = {},
  ): Promise<QueueCounts | PriorityCounts> {
    const [lags, active, delayed, dead] = await Promise.all([
      this.lagPerLevel(),
      this.active(now),
      this.delayed(now),
      this.deadCount(),
    ]);
    const lag = lags.reduce((a, b) => a + b, 0);
    const counts: QueueCounts = { waiting: Math.max(0, lag - active), active, delayed, dead };
    return options.byPriority ? { ...counts, waitingByPriority: lags } : counts;
  }

  /** Unsettled records per level topic, highest level first (one entry without levels). */
  private async lagPerLevel(): Promise<number[]> {
    if (this.ordering === 'key') {
      // A key-ordered queue has no levels (refused with priorities) and no share group.
      const lags = await this.engine.describeGroupOffsets(this.topology.orderedGroup, [this.topology.topic]);
      return [lags.reduce((sum, partition) => sum + Math.max(0, partition.lag), 0)];
    }
    if (this.levels !== undefined) return this.lagOf(levelTopics(this.topology, this.levels));
    // Levels unknown: the queue topic is read at once, beside the lookup, not after it, so a caller that reads
    // the queue topic's offsets in parallel (the dashboard's partition table) sees the same moment.
    const [levels, lowest] = await Promise.all([this.findLevels(), this.lagOf([this.topology.topic])]);
    if (levels === 1) return lowest;
    return [...(await this.lagOf(levelTopics(this.topology, levels).slice(0, -1))), ...lowest];
  }

  private async lagOf(topics: string[]): Promise<number[]> {
    const lags = await this.engine.describeShareGroupOffsets(this.topology.group, topics);
    const perTopic = new Map(topics.map((topic) => [topic, 0]));
    for (const p of lags) perTopic.set(p.topic, (perTopic.get(p.topic) ?? 0) + Math.max(0, p.lag));
    return topics.map((topic) => perTopic.get(topic) ?? 0);
  }

  /** Level topics are 1..N-1 without gaps (provisionPriorityLevels makes them together). */
  private async findLevels(): Promise<number> {
    let levels = 1;
    while ((await this.engine.partitionCount(priorityTopic(this.topology, levels))) !== undefined) levels++;
    if (levels > 1) this.levels = levels;
    return levels;
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
