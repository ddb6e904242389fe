/**
 * Completed / failed / dead rates and recent activity of one queue, from its events topic.
 *
 * How: the first refresh starts BACKFILL records before the end of the events topic (so rates
 * over the last minutes are there at once, not only from when the dashboard started); every
 * refresh then reads what was appended since (a cursor per partition). Events are bucketed per
 * minute by their own timestamp, so the rates are real per-minute counts, whatever the poll
 * interval. At most MAX_PER_REFRESH records per refresh: on a queue moving faster than that the
 * rates trail behind the events and catch up on the following refreshes.
 *
 * onFresh (the Prometheus counters) hears only events appended after the first refresh's end offsets, not
 * the backfill: a counter counts what happened while this process watched.
 */
import {
  type Cluster,
  decodeJobEvents,
  deduplicatedDetail,
  type Engine,
  type JobEvent,
  isKafkaProtocolError,
  listOffsets,
  type QueueTopology,
} from '@sharq/core';

const BACKFILL = 20_000;
const MAX_PER_REFRESH = 50_000;
const MINUTE = 60_000;
/** The page's throughput chart covers the last hour. */
const KEEP_MINUTES = 60;
export const RATE_WINDOW_MINUTES = 5;
const ACTIVITY = 40;

export interface MinuteCount {
  minute: number;
  completed: number;
  failed: number;
  dead: number;
}

export interface QueueRates {
  windowMinutes: number;
  completedPerMin: number;
  failedPerMin: number;
  deadPerMin: number;
  /** The last KEEP_MINUTES minutes, oldest first (the current minute is partial). */
  series: MinuteCount[];
}

export interface ActivityItem {
  type: JobEvent['type'];
  jobId: string;
  name: string | undefined;
  ts: number;
  workerId: string | undefined;
  detail: string | undefined;
}

export class EventStats {
  private readonly engine: Engine;
  private readonly cluster: Cluster;
  private readonly topology: QueueTopology;
  private cursor: Record<number, number> | undefined;
  /** The end offsets at the first refresh: records from here on are fresh. */
  private freshFrom: Record<number, number> = {};
  private readonly onFresh: ((event: JobEvent) => void) | undefined;
  /** Hears every event read, backfill included (the job lookup's index). */
  private readonly onRead: ((event: JobEvent) => void) | undefined;
  private readonly minutes = new Map<number, MinuteCount>();
  private recent: ActivityItem[] = [];
  /** False while the queue has no events topic (never provisioned by Sharq). */
  available = true;

  constructor(
    engine: Engine,
    cluster: Cluster,
    topology: QueueTopology,
    onFresh?: (event: JobEvent) => void,
    onRead?: (event: JobEvent) => void,
  ) {
    this.engine = engine;
    this.onFresh = onFresh;
    this.onRead = onRead;
    this.cluster = cluster;
    this.topology = topology;
  }

  async refresh(): Promise<void> {
    const topic = this.topology.eventsTopic;
    try {
      if (!this.cursor) {
        const ends = await listOffsets(this.cluster, [topic], 'latest');
        this.freshFrom = Object.fromEntries(ends.map((e) => [e.partition, e.offset]));
        this.cursor = Object.fromEntries(ends.map((e) => [e.partition, Math.max(0, e.offset - BACKFILL)]));
      }
      const records = await this.engine.readTopic(topic, {
        fromOffsets: this.cursor,
        limit: MAX_PER_REFRESH,
      });
      this.available = true;
      for (const record of records) {
        this.cursor[record.partition] = record.offset + 1;
        const fresh = this.onFresh && record.offset >= (this.freshFrom[record.partition] ?? 0);
        for (const event of decodeJobEvents(record)) {
          this.add(event);
          this.onRead?.(event);
          if (fresh) this.onFresh?.(event);
        }
      }
    } catch (error) {
      // A queue without an events topic simply has no rates; anything else is a real failure.
      if (isKafkaProtocolError(error) && error.code === 'UNKNOWN_TOPIC_OR_PARTITION') {
        this.available = false;
        return;
      }
      throw error;
    }
  }

  rates(now: number): QueueRates {
    const current = Math.floor(now / MINUTE) * MINUTE;
    for (const minute of this.minutes.keys()) {
      if (minute < current - KEEP_MINUTES * MINUTE) this.minutes.delete(minute);
    }
    const series: MinuteCount[] = [];
    for (let i = KEEP_MINUTES - 1; i >= 0; i--) {
      const minute = current - i * MINUTE;
      series.push(this.minutes.get(minute) ?? { minute, completed: 0, failed: 0, dead: 0 });
    }
    // The window ends now: the partial current minute plus the previous full ones, over the elapsed time.
    const windowStart = now - RATE_WINDOW_MINUTES * MINUTE;
    const inWindow = series.filter((m) => m.minute + MINUTE > windowStart);
    const sum = (pick: (m: MinuteCount) => number) => inWindow.reduce((s, m) => s + pick(m), 0);
    return {
      windowMinutes: RATE_WINDOW_MINUTES,
      completedPerMin: sum((m) => m.completed) / RATE_WINDOW_MINUTES,
      failedPerMin: sum((m) => m.failed) / RATE_WINDOW_MINUTES,
      deadPerMin: sum((m) => m.dead) / RATE_WINDOW_MINUTES,
      series,
    };
  }

  activity(): ActivityItem[] {
    return this.recent.slice(0, ACTIVITY);
  }

  private add(event: JobEvent): void {
    if (event.type === 'completed' || event.type === 'failed' || event.type === 'dead') {
      const minute = Math.floor(event.ts / MINUTE) * MINUTE;
      let bucket = this.minutes.get(minute);
      if (!bucket) {
        bucket = { minute, completed: 0, failed: 0, dead: 0 };
        this.minutes.set(minute, bucket);
      }
      bucket[event.type]++;
    }
    if (event.type === 'progress' || event.type === 'log') return;
    this.recent.unshift({
      type: event.type,
      jobId: event.jobId,
      name: 'name' in event ? event.name : undefined,
      ts: event.ts,
      workerId: event.workerId,
      detail: describe(event),
    });
    if (this.recent.length > ACTIVITY * 2) this.recent = this.recent.slice(0, ACTIVITY);
  }
}

function describe(event: JobEvent): string | undefined {
  switch (event.type) {
    case 'active':
      return `attempt ${event.attempt}`;
    case 'completed':
      return event.durationMs !== undefined ? `attempt ${event.attempt}, ${event.durationMs} ms` : undefined;
    case 'failed':
      return `attempt ${event.attempt}: ${event.error}${event.willRetry ? ' (will retry)' : ''}`;
    case 'dead':
      return `${event.reason}: ${event.error}`;
    case 'delayed':
      return `due ${new Date(event.dueAt).toISOString()}`;
    case 'deduplicated':
      return deduplicatedDetail(event);
    default:
      return undefined;
  }
}
