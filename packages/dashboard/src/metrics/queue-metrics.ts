/**
 * The dashboard's Prometheus metrics: every queue it shows, in the text format, refreshed on each scrape.
 *
 *   gauges    sharq_queue_waiting / _active / _delayed / _dead / _workers {queue} from the same snapshot the
 *             page shows (waiting = share-group lag minus held jobs), sharq_queue_partition_lag
 *             {queue, partition} (records not yet settled, held ones included).
 *   counters  sharq_jobs_completed_total / _failed_total (attempts) / _retried_total / _dead_total {queue}
 *             and the sharq_job_duration_seconds histogram, from the events topic. They count events
 *             appended since this dashboard first read the queue (a counter starts at 0 with the process,
 *             as Prometheus expects; rate() and increase() are what to query).
 *
 * One scrape reads each queue once (QueueSnapshotter, shared with the page within its refresh time).
 * A queue that fails to read keeps its last values, counts in sharq_dashboard_scrape_errors_total and goes to
 * onError (the dashboard logs it): one unreachable queue must not fail the scrape of the others.
 */
import type { JobEvent } from '@sharq/core';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { QueueRegistry } from '../data/queue-registry.js';

/** Seconds: 5 ms to 10 min, the range between a no-op job and a long report. */
export const DURATION_BUCKETS = [
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600,
];

const COUNT_KEYS = ['waiting', 'active', 'delayed', 'dead'] as const;

export class QueueMetrics {
  readonly registry = new Registry();
  private readonly queues: QueueRegistry;
  private readonly onError: (queue: string, error: unknown) => void;
  /** One gauge per field of the page's counts, set from the same snapshot. */
  private readonly counts = {
    waiting: this.gauge('sharq_queue_waiting', 'Jobs waiting: share-group lag minus held jobs.'),
    active: this.gauge('sharq_queue_active', 'Jobs held by live workers.'),
    delayed: this.gauge('sharq_queue_delayed', 'Jobs waiting in delay buckets.'),
    dead: this.gauge('sharq_queue_dead', 'Dead jobs in the DLQ (neither replayed nor purged).'),
  };
  private readonly workers = this.gauge('sharq_queue_workers', 'Live workers (heartbeating).');
  private readonly partitionLag = new Gauge({
    name: 'sharq_queue_partition_lag',
    help: 'Records of a partition not yet settled (waiting and held), from the share-group offsets.',
    labelNames: ['queue', 'partition'] as const,
    registers: [this.registry],
  });
  private readonly completed = this.counter('sharq_jobs_completed_total', 'Jobs completed.');
  private readonly failed = this.counter('sharq_jobs_failed_total', 'Attempts that failed (retried or not).');
  private readonly retried = this.counter(
    'sharq_jobs_retried_total',
    'Failed attempts that will be retried.',
  );
  private readonly deadLettered = this.counter('sharq_jobs_dead_total', 'Jobs dead-lettered.');
  private readonly duration = new Histogram({
    name: 'sharq_job_duration_seconds',
    help: 'Run time of completed jobs (the attempt that completed).',
    labelNames: ['queue'] as const,
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });
  private readonly scrapeErrors = new Counter({
    name: 'sharq_dashboard_scrape_errors_total',
    help: 'Queues whose state could not be read during a scrape.',
    labelNames: ['queue'] as const,
    registers: [this.registry],
  });

  constructor(queues: QueueRegistry, onError: (queue: string, error: unknown) => void) {
    this.queues = queues;
    this.onError = onError;
  }

  /** Fed by each queue's EventStats with the events appended since it first read the topic. */
  onEvent(queue: string, event: JobEvent): void {
    switch (event.type) {
      case 'completed':
        this.completed.inc({ queue });
        if (event.durationMs !== undefined) this.duration.observe({ queue }, event.durationMs / 1_000);
        return;
      case 'failed':
        this.failed.inc({ queue });
        if (event.willRetry) this.retried.inc({ queue });
        return;
      case 'dead':
        this.deadLettered.inc({ queue });
        return;
      default:
        return;
    }
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** Reads every queue, then renders the text format. */
  async render(): Promise<string> {
    const names = await this.queues.names();
    await Promise.all(names.map((name) => this.refresh(name)));
    return this.registry.metrics();
  }

  private async refresh(queue: string): Promise<void> {
    try {
      const handle = await this.queues.get(queue);
      const snapshot = await handle.snapshotter.snapshot();
      for (const key of COUNT_KEYS) this.counts[key].set({ queue }, snapshot.counts[key]);
      this.workers.set({ queue }, snapshot.workers.filter((w) => w.state === 'live').length);
      for (const p of snapshot.partitions) {
        this.partitionLag.set({ queue, partition: String(p.partition) }, Math.max(0, p.lag));
      }
      // Counters start at 0 for a queue seen for the first time, so they are present before its first event.
      for (const counter of [this.completed, this.failed, this.retried, this.deadLettered])
        counter.inc({ queue }, 0);
    } catch (error) {
      this.scrapeErrors.inc({ queue });
      this.onError(queue, error);
    }
  }

  private gauge(name: string, help: string) {
    return new Gauge({ name, help, labelNames: ['queue'] as const, registers: [this.registry] });
  }

  private counter(name: string, help: string) {
    return new Counter({ name, help, labelNames: ['queue'] as const, registers: [this.registry] });
  }
}
