/**
 * One queue, everything the page shows about it, from one round of broker reads:
 * counts (QueueCounter, the same numbers `sharq status` prints), share-partition offsets
 * (SPSO / end / lag), workers from the presence topic, stuck jobs, event rates and activity.
 */
import {
  type DeadJobIndex,
  type Engine,
  type PartitionLag,
  QueueCounter,
  type QueueCounts,
  type QueueTopology,
  readPresence,
} from '@sharq/core';
import type { ActivityItem, EventStats, QueueRates } from './event-stats.js';
import { findStuckJobs, type StuckJob } from './stuck-jobs.js';
import { toWorkerView, type WorkerView } from './worker-view.js';

export interface QueueSnapshot {
  name: string;
  at: number;
  counts: QueueCounts;
  /** null when the queue has no events topic. */
  rates: QueueRates | null;
  partitions: PartitionLag[];
  workers: WorkerView[];
  stuck: StuckJob[];
  stuckAfterMs: number;
  activity: ActivityItem[];
}

export class QueueSnapshotter {
  readonly name: string;
  private readonly engine: Engine;
  private readonly topology: QueueTopology;
  private readonly counter: QueueCounter;
  private readonly events: EventStats;
  private readonly stuckAfterMs: number;
  private readonly maxAgeMs: number;
  private readonly dead: DeadJobIndex;
  private last: QueueSnapshot | undefined;
  private pending: Promise<QueueSnapshot> | undefined;

  constructor(deps: {
    engine: Engine;
    topology: QueueTopology;
    events: EventStats;
    stuckAfterMs: number;
    maxAgeMs: number;
    /** The queue's dead jobs, read incrementally (counts and the DLQ list share it). */
    dead: DeadJobIndex;
  }) {
    this.name = deps.topology.queue;
    this.engine = deps.engine;
    this.topology = deps.topology;
    this.dead = deps.dead;
    this.counter = new QueueCounter(deps.engine, deps.topology, {
      deadCount: async () => {
        await this.dead.refresh();
        return this.dead.count();
      },
    });
    this.events = deps.events;
    this.stuckAfterMs = deps.stuckAfterMs;
    this.maxAgeMs = deps.maxAgeMs;
  }

  /** A snapshot at most maxAgeMs old; concurrent callers (several open pages) share one read. */
  snapshot(): Promise<QueueSnapshot> {
    if (this.last && Date.now() - this.last.at < this.maxAgeMs) return Promise.resolve(this.last);
    this.pending ??= this.take().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Drop the cached snapshot (after a replay or purge the counts changed). */
  invalidate(): void {
    this.last = undefined;
  }

  private async take(): Promise<QueueSnapshot> {
    const now = Date.now();
    const [counts, partitions, workers] = await Promise.all([
      this.counter.counts(now),
      this.engine.describeShareGroupOffsets(this.topology.group, [this.topology.topic]),
      readPresence(this.engine, this.topology, { now }),
      this.events.refresh(),
    ]);
    const snapshot: QueueSnapshot = {
      name: this.name,
      at: Date.now(),
      counts,
      rates: this.events.available ? this.events.rates(now) : null,
      partitions: partitions.filter((p) => p.topic === this.topology.topic),
      // Live workers first, then the gone ones, most recently seen first.
      workers: workers
        .map((w) => toWorkerView(w, now))
        .sort((a, b) => (a.state === b.state ? b.heartbeatAt - a.heartbeatAt : a.state === 'live' ? -1 : 1)),
      stuck: findStuckJobs(workers, now, this.stuckAfterMs),
      stuckAfterMs: this.stuckAfterMs,
      activity: this.events.activity(),
    };
    this.last = snapshot;
    return snapshot;
  }
}
