/**
 * WorkerMetrics: one worker process's own Prometheus metrics (prom-client), for the Worker `metrics` option
 * and `sharq worker --metrics-port`.
 *
 *   const metrics = new WorkerMetrics();
 *   new Worker('emails', send, { connection, metrics });
 *   await metrics.listen({ port: 9464 });          // or serve metrics.registry from your own server
 *
 *   sharq_worker_jobs_total{queue, outcome}          attempts ended: completed | retry | dead
 *   sharq_worker_job_duration_seconds{queue, outcome}  run time of those attempts
 *   sharq_worker_active_jobs{queue}                   processors running now
 *   sharq_worker_prefetched_records{queue}            records acquired ahead of a free slot
 *   sharq_worker_held_records{queue}                  records whose lock this process keeps (the two above)
 *   sharq_worker_lock_renewals_total{queue}           locks renewed by the broker
 *   sharq_worker_duplicates_total{queue}              final acknowledgements the broker refused (ran elsewhere)
 *   sharq_worker_lock_losses_total{queue}             locks lost while running (processor aborted)
 *   nodejs_eventloop_lag_seconds and the rest of prom-client's process metrics (unless defaultMetrics: false)
 *
 * Several Workers may share one WorkerMetrics (the gauges sum per queue).
 */
import type { Job } from '@sharq/core';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Worker } from '../runtime/worker.js';
import type { FailureOutcome } from '../runtime/worker-events.js';
import { type MetricsServer, type MetricsServerOptions, serveRegistry } from './metrics-server.js';
import type { WorkerObserver } from './observer.js';

/** Seconds: 5 ms to 10 min. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];
/** A ShareFetch answers in ~1 ms on a quiet loopback broker and waits up to its long-poll bound (≤ 5 s) when idle. */
const FETCH_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export interface WorkerMetricsOptions {
  /** Register into this registry (e.g. prom-client's global `register`); default: a registry of its own. */
  registry?: Registry;
  /** prom-client's process metrics, event-loop lag included (default true). */
  defaultMetrics?: boolean;
}

/** What the metrics read from a Worker: its name, two counts and its public events. */
type Observed = Pick<Worker, 'name' | 'activeCount' | 'prefetchedCount'>;

export class WorkerMetrics {
  readonly registry: Registry;
  private readonly workers = new Set<Observed>();
  private readonly jobs: Counter<'queue' | 'outcome'>;
  private readonly duration: Histogram<'queue' | 'outcome'>;
  private readonly renewals: Counter<'queue'>;
  private readonly duplicates: Counter<'queue'>;
  private readonly lockLosses: Counter<'queue'>;
  private readonly fetches: Histogram<'queue' | 'result'>;

  constructor(options: WorkerMetricsOptions = {}) {
    this.registry = options.registry ?? new Registry();
    const registers = [this.registry];
    this.jobs = new Counter({
      name: 'sharq_worker_jobs_total',
      help: 'Attempts this process ended, by outcome (completed, retry, dead).',
      labelNames: ['queue', 'outcome'],
      registers,
    });
    this.duration = new Histogram({
      name: 'sharq_worker_job_duration_seconds',
      help: 'Run time of the attempts this process ended, by outcome.',
      labelNames: ['queue', 'outcome'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.fetches = new Histogram({
      name: 'sharq_worker_share_fetch_seconds',
      help: 'ShareFetch round trips of this process (a long poll that waited counts its wait), by result: records or empty.',
      labelNames: ['queue', 'result'],
      buckets: FETCH_BUCKETS,
      registers,
    });
    const counter = (name: string, help: string) =>
      new Counter({ name, help, labelNames: ['queue'], registers });
    this.renewals = counter('sharq_worker_lock_renewals_total', 'Acquisition locks renewed by the broker.');
    this.duplicates = counter('sharq_worker_duplicates_total', 'Final acknowledgements the broker refused.');
    this.lockLosses = counter('sharq_worker_lock_losses_total', 'Locks lost while a job ran.');
    this.gauge('sharq_worker_active_jobs', 'Processors running now.', (w) => w.activeCount);
    this.gauge(
      'sharq_worker_prefetched_records',
      'Records acquired ahead of a free slot.',
      (w) => w.prefetchedCount,
    );
    this.gauge(
      'sharq_worker_held_records',
      'Records whose acquisition lock this process keeps (running and prefetched).',
      (w) => w.activeCount + w.prefetchedCount,
    );
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry });
  }

  /** Called by the Worker constructor (the `metrics` option): counts its events from now on. */
  observe<D, R>(worker: Worker<D, R>): WorkerObserver {
    const queue = worker.name;
    this.workers.add(worker);
    const ended = (job: Job<D, R>, outcome: string) => {
      this.jobs.inc({ queue, outcome });
      if (job.processedOn !== undefined) {
        this.duration.observe({ queue, outcome }, Math.max(0, Date.now() - job.processedOn) / 1_000);
      }
    };
    worker.on('completed', (job) => ended(job, 'completed'));
    worker.on('failed', (job, _error, outcome: FailureOutcome) => ended(job, outcome.kind));
    worker.on('duplicate', () => this.duplicates.inc({ queue }));
    worker.on('lockLost', () => this.lockLosses.inc({ queue }));
    worker.on('closed', () => this.workers.delete(worker));
    // Present at 0 from the start, so rate() has a first point before the first job.
    for (const outcome of ['completed', 'retry', 'dead']) this.jobs.inc({ queue, outcome }, 0);
    for (const c of [this.renewals, this.duplicates, this.lockLosses]) c.inc({ queue }, 0);
    return {
      lockRenewed: () => this.renewals.inc({ queue }),
      shareFetched: (roundTripMs, records) =>
        this.fetches.observe({ queue, result: records > 0 ? 'records' : 'empty' }, roundTripMs / 1_000),
    };
  }

  /** The Prometheus text format of the registry. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  /** Serve GET /metrics on its own port (no auth: bind it where only the scraper reaches). */
  listen(options: MetricsServerOptions): Promise<MetricsServer> {
    return serveRegistry(this.registry, options);
  }

  private gauge(name: string, help: string, read: (worker: Observed) => number): void {
    const workers = this.workers;
    new Gauge({
      name,
      help,
      labelNames: ['queue'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const worker of workers) this.inc({ queue: worker.name }, read(worker));
      },
    });
  }
}
