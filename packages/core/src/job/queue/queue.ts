/**
 * Queue: the producer side of a queue, BullMQ-shaped.
 *
 *   const queue = new Queue<Email>('emails', { connection, schema: Email });
 *   const job = await queue.add('welcome', { to: 'a@b.c' }, { attempts: 5, backoff: { type: 'exponential', delay: 1000 } });
 *
 * add() resolves once the job is durably written. Concurrent add() calls coalesce into one
 * produce per batch (ProduceBatcher); addBulk() validates everything before producing
 * anything. Topics and the share group are provisioned on first use.
 */
import type { z } from 'zod';
import { acquireEngine, type EngineLease } from '../../engine/connection.js';
import type { Engine } from '../../engine/engine.js';
import { ClosedError, toError } from '../../errors.js';
import type { DeadJob } from '../dlq/dead-job.js';
import {
  type DeadJobPage,
  getDeadJob,
  type ListDeadJobsOptions,
  listDeadJobs,
} from '../dlq/list-dead-jobs.js';
import { readPauseState } from '../control/pause-state.js';
import { provisionControlTopics } from '../control/provision-control.js';
import { setQueuePaused } from '../control/set-queue-paused.js';
import { type PurgeResult, purgeDeadJobs } from '../dlq/purge-dead-jobs.js';
import {
  type DeadJobTarget,
  type ReplayOptions,
  type ReplayResult,
  replayDeadJobs,
} from '../dlq/replay-dead-jobs.js';
import { DedupGate } from '../dedup/dedup-gate.js';
import { claimId, claimKey } from '../dedup/dedup-records.js';
import { EventPublisher } from '../events/event-publisher.js';
import { provisionPriorityLevels } from '../priority/provision-levels.js';
import { recordKeyOrdering } from '../ordering/ordering-mode.js';
import { type ArgsOf, TypedEmitter } from '../../emitter/typed-emitter.js';
import type { JobEnvelope } from '../envelope.js';
import { Job } from '../job.js';
import type { JobOptions } from '../options.js';
import { type LiveWorker, readPresence } from '../presence/read-presence.js';
import { ProduceBatcher } from '../produce-batcher.js';
import { type ProvisionResult, provisionQueue } from '../provision.js';
import { assertQueueName, type QueueTopology, queueTopology } from '../topology.js';
import type { RepeatOptions } from '../schedule/repeat.js';
import {
  buildSchedulerDefinition,
  getJobScheduler,
  getJobSchedulers,
  removeJobScheduler,
  upsertJobScheduler,
} from '../schedule/job-schedulers.js';
import type { JobSchedulerInfo } from '../schedule/scheduler-info.js';
import type { SchedulerTemplateInput } from '../schedule/scheduler-template.js';
import { parseOptions } from '../../options/parse-options.js';
import { traceAdd } from '../../observability/trace-add.js';
import { type BuiltJob, buildJob } from './build-job.js';
import { type PriorityCounts, type QueueCounts, QueueCounter } from './get-counts.js';
import { type CompiledQueueOptions, type QueueOptions, queueOptionsSchema } from './queue-options.js';

export interface BulkJob<Data> {
  name: string;
  data: Data;
  opts?: JobOptions;
}

export type QueueListener = {
  /** A background failure (e.g. publishing a 'delayed' event); add() itself rejects on its own errors. */
  error: (error: Error) => void;
  /**
   * An add lost its deduplication claim and was not enqueued: `existing` is the job it resolved to,
   * `key` the claim (`job:<jobId>` or `dedup:<id>`), `rejectedName` the name given to the refused add.
   */
  deduplicated: (existing: Job<unknown>, key: string, rejectedName: string) => void;
};

export class Queue<Data = unknown> extends TypedEmitter<ArgsOf<QueueListener>> {
  readonly name: string;
  readonly topology: QueueTopology;
  readonly options: CompiledQueueOptions;
  private readonly lease: EngineLease;
  private readonly batcher: ProduceBatcher;
  private readonly counter: QueueCounter;
  private events: EventPublisher | undefined;
  private dedupGate: DedupGate | undefined;
  private provisioned: Promise<ProvisionResult> | undefined;
  private closed = false;

  constructor(name: string, options: QueueOptions<Data>) {
    super();
    assertQueueName(name, 'name');
    this.options = parseOptions(queueOptionsSchema, options, 'options');
    this.name = name;
    this.topology = queueTopology(name, this.options.prefix);
    this.lease = acquireEngine(this.options.connection);
    this.batcher = new ProduceBatcher(this.lease.engine, {
      lingerMs: this.options.batch.lingerMs,
      maxBatch: this.options.batch.maxSize,
    });
    this.counter = new QueueCounter(this.lease.engine, this.topology, {
      levels: this.options.priorities ?? 1,
      ordering: this.options.ordering,
    });
  }

  get engine(): Engine {
    return this.lease.engine;
  }

  /** engine.produce calls made by add/addBulk so far (observability; batching tests). */
  get produceCalls(): number {
    return this.batcher.produceCalls;
  }

  /** Create topics and configure the group (idempotent; done implicitly on first use). */
  waitUntilReady(): Promise<ProvisionResult> {
    this.assertOpen();
    this.provisioned ??= provisionQueue(this.lease.engine, this.topology, {
      partitions: this.options.partitions,
      lockDurationMs: this.options.lockDurationMs,
      deliveryCountLimit: this.options.deliveryCountLimit,
    })
      .then(async (result) => {
        const { priorities, partitions, ordering } = this.options;
        if (priorities)
          await provisionPriorityLevels(this.lease.engine, this.topology, priorities, partitions);
        // Recorded for the workers: one of the other mode refuses to start (ordering/ordering-mode.ts).
        if (ordering === 'key') await recordKeyOrdering(this.lease.engine, this.topology, 'queue');
        return result;
      })
      .catch((error: unknown) => {
        this.provisioned = undefined;
        throw error;
      });
    return this.provisioned;
  }

  async add(name: string, data: Data, opts?: JobOptions): Promise<Job<Data>> {
    this.assertOpen();
    const built = buildJob(this.topology, this.options, { name, data, opts }, '', Date.now());
    await this.waitUntilReady();
    if (built.envelope.opts.dedup) {
      const [existing] = await this.claimAll([built]);
      if (existing) return existing;
    }
    await this.traced([built], false, () => this.batcher.send(built.routed.topic, built.routed.record));
    this.announceDelayed([built]);
    return this.toJob(built);
  }

  async addBulk(jobs: readonly BulkJob<Data>[]): Promise<Job<Data>[]> {
    this.assertOpen();
    const now = Date.now();
    const built = jobs.map((job, index) => buildJob(this.topology, this.options, job, `jobs[${index}]`, now));
    await this.waitUntilReady();
    const existing = built.some((b) => b.envelope.opts.dedup) ? await this.claimAll(built) : [];
    const enqueued = built.filter((_, index) => existing[index] === undefined);
    await this.traced(enqueued, true, () => this.batcher.sendMany(enqueued.map((b) => b.routed)));
    this.announceDelayed(enqueued);
    return built.map((b, index) => existing[index] ?? this.toJob(b));
  }

  /**
   * Drops the deduplication claim of `id` (a `deduplication.id`, or with `{ jobId: true }` a jobId), so the
   * next add with it is enqueued: for a claim left without a job by a producer that died between its claim
   * and its produce. BullMQ's removeDeduplicationKey.
   */
  async removeDeduplicationKey(id: string, options: { jobId?: boolean } = {}): Promise<void> {
    this.assertOpen();
    await this.dedup().release(claimKey(options.jobId ? 'job' : 'dedup', id));
  }

  /** Produces as `produce` does; with the telemetry option, inside a producer span whose context rides on each record. */
  private traced<T>(built: readonly BuiltJob[], bulk: boolean, produce: () => Promise<T>): Promise<T> {
    const telemetry = this.options.telemetry;
    if (!telemetry) return produce();
    const jobs = built.map((b) => ({ id: b.envelope.id, name: b.envelope.name, record: b.routed.record }));
    return traceAdd(telemetry, this.name, jobs, bulk, produce);
  }

  /**
   * waiting / active / delayed / dead (get-counts.ts); waiting covers every priority level. With
   * `{ byPriority: true }` also `waitingByPriority`, per level, highest first.
   */
  async getCounts(): Promise<QueueCounts>;
  async getCounts(options: { byPriority: true }): Promise<PriorityCounts>;
  async getCounts(options: { byPriority?: boolean } = {}): Promise<QueueCounts | PriorityCounts> {
    await this.waitUntilReady();
    return options.byPriority ? this.counter.counts(undefined, { byPriority: true }) : this.counter.counts();
  }

  /** BullMQ's name; with states, only those counts (e.g. getJobCounts('waiting', 'dead')). */
  async getJobCounts(...states: (keyof QueueCounts)[]): Promise<Partial<QueueCounts>> {
    const counts = await this.getCounts();
    if (states.length === 0) return counts;
    return Object.fromEntries(states.map((state) => [state, counts[state]]));
  }

  async getWorkers(): Promise<LiveWorker[]> {
    await this.waitUntilReady();
    return readPresence(this.lease.engine, this.topology);
  }

  async listDeadJobs(options?: ListDeadJobsOptions): Promise<DeadJobPage> {
    await this.waitUntilReady();
    return listDeadJobs(this.lease.engine, this.topology, options);
  }

  async getDeadJob(id: string): Promise<DeadJob | undefined> {
    await this.waitUntilReady();
    return getDeadJob(this.lease.engine, this.topology, id);
  }

  async replayDeadJobs(target: DeadJobTarget, options?: ReplayOptions): Promise<ReplayResult> {
    await this.waitUntilReady();
    return replayDeadJobs(this.lease.engine, this.topology, target, options);
  }

  async purgeDeadJobs(target?: DeadJobTarget): Promise<PurgeResult> {
    await this.waitUntilReady();
    return purgeDeadJobs(this.lease.engine, this.topology, target);
  }

  /**
   * Creates or replaces the job scheduler `id` (BullMQ's upsertJobScheduler): from the next tick on, the
   * queue's workers fire `template` once per tick of `repeat` (`{ every: ms }` or `{ pattern, tz? }`, plus
   * startDate/endDate/limit). Everything is validated first (ValidationError, nothing stored).
   */
  async upsertJobScheduler(
    id: string,
    repeat: RepeatOptions,
    template: SchedulerTemplateInput<Data>,
  ): Promise<JobSchedulerInfo> {
    this.assertOpen();
    const definition = buildSchedulerDefinition(this.options, { id, repeat, template }, Date.now());
    await this.controlReady();
    return upsertJobScheduler(this.lease.engine, this.topology, definition);
  }

  /** Every scheduler of the queue with its next run and last fired job, sorted by id. */
  async getJobSchedulers(): Promise<JobSchedulerInfo[]> {
    await this.controlReady();
    return getJobSchedulers(this.lease.engine, this.topology);
  }

  async getJobScheduler(id: string): Promise<JobSchedulerInfo | undefined> {
    await this.controlReady();
    return getJobScheduler(this.lease.engine, this.topology, id);
  }

  /** Stops and forgets a scheduler (jobs it already fired stay); SchedulerNotFoundError if unknown. */
  async removeJobScheduler(id: string): Promise<void> {
    this.assertOpen();
    await this.controlReady();
    await removeJobScheduler(this.lease.engine, this.topology, id);
  }

  /**
   * Pauses the queue for every worker in every process (durable: a restarted worker stays paused).
   * Workers stop acquiring within a second; running jobs finish; add() keeps working.
   */
  async pause(by = 'queue'): Promise<void> {
    await this.setPaused(true, by);
  }

  async resume(by = 'queue'): Promise<void> {
    await this.setPaused(false, by);
  }

  async isPaused(): Promise<boolean> {
    await this.controlReady();
    return (await readPauseState(this.lease.engine, this.topology)).state?.paused ?? false;
  }

  /** Waits for in-flight adds, then gives the engine back. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.batcher.close();
    await this.dedupGate?.close();
    await this.events?.close();
    await this.lease.release();
  }

  /** The queue's topics plus its schedulers and control topics (created on first use of those APIs). */
  private async controlReady(): Promise<void> {
    await this.waitUntilReady();
    await provisionControlTopics(this.lease.engine, this.topology);
  }

  private async setPaused(paused: boolean, by: string): Promise<void> {
    this.assertOpen();
    await this.controlReady();
    const { eventError } = await setQueuePaused(this.lease.engine, this.topology, paused, by);
    if (eventError) this.reportError(eventError);
  }

  /**
   * Claims every job that carries a dedup claim (one produce for all); per job, the existing Job it
   * resolved to when its claim lost (that job is then not enqueued), else undefined.
   */
  private async claimAll(built: readonly BuiltJob[]): Promise<(Job<Data> | undefined)[]> {
    const claiming = built.filter((b) => b.envelope.opts.dedup);
    const verdicts = await this.dedup().claim(claiming.map((b) => b.envelope));
    const lost = new Map<BuiltJob, Job<Data>>();
    claiming.forEach((b, index) => {
      const verdict = verdicts[index];
      if (!verdict || verdict.won) return;
      const existing = new Job<Data>({ envelope: verdict.existing, queue: this.name });
      lost.set(b, existing);
      this.announceDeduplicated(b.envelope, existing.id);
      this.emit('deduplicated', existing as Job<unknown>, b.envelope.opts.dedup?.key ?? '', b.envelope.name);
    });
    return built.map((b) => lost.get(b));
  }

  private dedup(): DedupGate {
    this.dedupGate ??= new DedupGate(this.lease.engine, this.topology, (topic, records) =>
      this.batcher.sendMany(records.map((record) => ({ topic, record }))),
    );
    return this.dedupGate;
  }

  private publisher(): EventPublisher {
    this.events ??= new EventPublisher(this.lease.engine, this.topology, {
      onError: (error) => this.reportError(error),
    });
    return this.events;
  }

  private announceDelayed(built: readonly BuiltJob[]): void {
    for (const { envelope } of built) {
      if (envelope.dueAt === undefined) continue;
      this.publisher().publish({
        type: 'delayed',
        jobId: envelope.id,
        name: envelope.name,
        dueAt: envelope.dueAt,
        ts: envelope.ts,
      });
    }
  }

  /** The events topic's side of the 'deduplicated' listener event, for QueueEvents in any process. */
  private announceDeduplicated(refused: JobEnvelope, existingJobId: string): void {
    this.publisher().publish({
      type: 'deduplicated',
      jobId: refused.id,
      name: refused.name,
      deduplicationId: claimId(refused.opts.dedup?.key ?? ''),
      ...(existingJobId !== refused.id ? { existingJobId } : {}),
      ts: Date.now(),
    });
  }

  private reportError(error: unknown): void {
    this.emit('error', toError(error));
  }

  private toJob(built: BuiltJob): Job<Data> {
    return new Job<Data>({ envelope: built.envelope, queue: this.name });
  }

  private assertOpen(): void {
    if (this.closed) throw new ClosedError(`queue ${this.name}`);
  }
}

export type { QueueOptions, CompiledQueueOptions };
export type QueueSchema<Data> = z.ZodType<Data>;
