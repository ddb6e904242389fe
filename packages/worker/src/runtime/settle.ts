import { type AckType, type DeliveredRecord, type Job, computeBackoff, enqueueRetry } from '@sharq/core';
import { releaseDedupOnFinish } from '../dedup/release-on-finish.js';
import { retriesInPlace } from '../ordering/ordered-consumer.js';
import { RateLimitError } from '../limiter/rate-limit-error.js';
import { type ActiveJob, describeRecord } from './active-job.js';
import { decideFailure } from './decide-failure.js';
import { durablyThenAccept, type Settler } from './durably-then-accept.js';
import { DuplicateDeliveryError, MalformedJobError, isInvalidRecordState, toError } from './errors.js';
import type { RuntimeContext } from './runtime-context.js';
import type { FailureOutcome } from './worker-events.js';

/**
 * Turning a finished attempt into the broker verdict. Each write that must survive (DLQ record, retry
 * copy) is durable BEFORE the original is acknowledged (durablyThenAccept), so a crash in between
 * duplicates work but never loses a job.
 */

type Ctx<D, R> = RuntimeContext<D, R>;

function jobSettler<D, R>(ctx: Ctx<D, R>, active: ActiveJob, job: Job<D, R>): Settler {
  return {
    ack: (type) => acknowledge(ctx, active, job, type),
    failed: (error) => ctx.emit('error', toError(error), job),
  };
}

/** The final acknowledgement; false when it did not happen (already reported). */
async function acknowledge<D, R>(
  ctx: Ctx<D, R>,
  active: ActiveJob,
  job: Job<D, R>,
  type: AckType,
): Promise<boolean> {
  try {
    // The record is its own RecordRef (topic, partition, offset): no copy per acknowledgement.
    await ctx.consumer.acknowledge(active.record, type);
    return true;
  } catch (error) {
    reportRefusedAck(ctx, active, job, type, error);
    return false;
  }
}

function reportRefusedAck<D, R>(
  ctx: Ctx<D, R>,
  active: ActiveJob,
  job: Job<D, R>,
  type: AckType,
  error: unknown,
): void {
  if (isInvalidRecordState(error)) {
    // The lock lapsed and the broker took the record back: another delivery owns the verdict now.
    const duplicate = new DuplicateDeliveryError(
      `job ${job.id} (${describeRecord(active.record)}): ${type.toUpperCase()} refused, the record was no longer ours; it runs again elsewhere`,
      { jobId: job.id, cause: error },
    );
    if (!ctx.emit('duplicate', job, duplicate)) ctx.emit('error', duplicate, job);
  } else {
    ctx.emit('error', toError(error), job);
  }
}

export async function settleSuccess<D, R>(
  ctx: Ctx<D, R>,
  active: ActiveJob,
  job: Job<D, R>,
  result: R,
): Promise<void> {
  // The hot path of every job: the ACCEPT awaited directly, without acknowledge()'s extra async frame.
  try {
    await ctx.consumer.acknowledge(active.record, 'accept');
  } catch (error) {
    reportRefusedAck(ctx, active, job, 'accept', error);
    return;
  }
  job.returnvalue = result;
  releaseDedupOnFinish(ctx, job);
  ctx.emit('completed', job, result);
  ctx.publish({
    type: 'completed',
    jobId: job.id,
    name: job.name,
    attempt: job.attempt,
    result,
    durationMs: Date.now() - active.startedAt,
  });
}

function backoffFor<D, R>(ctx: Ctx<D, R>, job: Job<D, R>): number {
  try {
    return computeBackoff(job.opts.backoff, job.attempt);
  } catch (error) {
    // An unregistered custom strategy must not strand the job: retry after its base delay.
    ctx.emit('error', toError(error), job);
    return job.opts.backoff?.delay ?? 0;
  }
}

/**
 * The job did not run now and must not lose an attempt (its limiter key is over its limit, or the
 * processor threw RateLimitError): a copy with attemptsMade unchanged goes to run in `delayMs`, then the
 * original is ACCEPTed. A RELEASE would be cheaper but counts a delivery on the broker.
 */
export async function settleDeferred<D, R>(
  ctx: Ctx<D, R>,
  active: ActiveJob,
  job: Job<D, R>,
  delayMs: number,
): Promise<void> {
  const inPlace = retryInPlace(ctx, active, job, delayMs, false);
  if (inPlace === false) return;
  if (inPlace) {
    ctx.publish({ type: 'delayed', jobId: job.id, name: job.name, dueAt: Date.now() + delayMs });
    return;
  }
  const copy = () =>
    enqueueRetry(ctx.engine, ctx.topology, job.envelope, { attemptsMade: job.attemptsMade, delayMs });
  if (!(await durablyThenAccept(jobSettler(ctx, active, job), copy))) return;
  ctx.publish({ type: 'delayed', jobId: job.id, name: job.name, dueAt: Date.now() + delayMs });
}

export async function settleFailure<D, R>(
  ctx: Ctx<D, R>,
  active: ActiveJob,
  job: Job<D, R>,
  error: Error,
): Promise<void> {
  if (error instanceof RateLimitError) {
    // The whole queue (or the job's key) backs off; this job comes back after the back-off, attempt intact.
    const limiter = ctx.options.limiter;
    await limiter?.backOff
      ?.call(limiter, error.delayMs, error.scope === 'key' ? job : undefined)
      .catch((backOffError: unknown) => ctx.emit('error', toError(backOffError), job));
    await settleDeferred(ctx, active, job, error.delayMs);
    return;
  }
  job.failedReason = error.message;
  const verdict = decideFailure({
    error,
    attempt: job.attempt,
    attempts: job.opts.attempts,
    deliveryCount: active.record.deliveryCount,
    // A key-ordered consumer retries in place and has no broker delivery limit: the job's attempts decide.
    deliveryCountLimit: retriesInPlace(ctx.consumer)
      ? Number.POSITIVE_INFINITY
      : ctx.options.deliveryCountLimit,
    backoffMs: backoffFor(ctx, job),
  });
  let outcome: FailureOutcome;
  if (verdict.kind === 'dead') {
    const deadRecord = {
      record: active.record,
      envelope: job.envelope,
      reason: verdict.reason,
      error: errorFields(error),
      attempts: job.attempt,
      workerId: ctx.options.workerId,
    };
    if (!(await durablyThenAccept(jobSettler(ctx, active, job), () => ctx.deadLetters.write([deadRecord]))))
      return;
    outcome = { kind: 'dead', reason: verdict.reason };
  } else if (verdict.kind === 'release') {
    if (!(await acknowledge(ctx, active, job, 'release'))) return;
    outcome = { kind: 'retry', delayMs: 0, immediate: true };
  } else if (retriesInPlace(ctx.consumer)) {
    if (!retryInPlace(ctx, active, job, verdict.delayMs, true)) return;
    outcome = { kind: 'retry', delayMs: verdict.delayMs, immediate: false };
  } else {
    const { delayMs } = verdict;
    const copy = () =>
      enqueueRetry(ctx.engine, ctx.topology, job.envelope, { attemptsMade: job.attempt, delayMs });
    if (!(await durablyThenAccept(jobSettler(ctx, active, job), copy))) return;
    outcome = { kind: 'retry', delayMs: verdict.delayMs, immediate: false };
  }
  reportFailure(ctx, job, error, outcome);
}

/**
 * On a key-ordered queue a retry keeps its place: the consumer holds the record, first in its key, until
 * `delayMs` from now (a copy through the delay buckets would go behind the key's later jobs). Undefined when
 * the consumer cannot (a share group: the caller re-enqueues a copy); false when the record was not ours
 * any more (reported as a duplicate).
 */
function retryInPlace<D, R>(
  ctx: Ctx<D, R>,
  active: ActiveJob,
  job: Job<D, R>,
  delayMs: number,
  countsAttempt: boolean,
): boolean | undefined {
  if (!retriesInPlace(ctx.consumer)) return undefined;
  try {
    ctx.consumer.retryAt(active.record, Date.now() + delayMs, { countsAttempt });
    return true;
  } catch (error) {
    reportRefusedAck(ctx, active, job, 'release', error);
    return false;
  }
}

function reportFailure<D, R>(ctx: Ctx<D, R>, job: Job<D, R>, error: Error, outcome: FailureOutcome): void {
  ctx.emit('failed', job, error, outcome);
  const willRetry = outcome.kind === 'retry';
  ctx.publish({
    type: 'failed',
    jobId: job.id,
    name: job.name,
    attempt: job.attempt,
    error: error.message,
    willRetry,
    ...(willRetry ? { delayMs: outcome.delayMs } : {}),
  });
  if (outcome.kind === 'retry' && outcome.delayMs > 0) {
    ctx.publish({ type: 'delayed', jobId: job.id, name: job.name, dueAt: Date.now() + outcome.delayMs });
  }
  if (outcome.kind === 'dead') {
    releaseDedupOnFinish(ctx, job);
    ctx.emit('dead', job, outcome.reason, error);
    ctx.publish({
      type: 'dead',
      jobId: job.id,
      name: job.name,
      reason: outcome.reason,
      error: error.message,
    });
  }
}

/** A record that is not a Sharq envelope: dead-letter it as 'malformed' and move on. */
export async function settleMalformed<D, R>(
  ctx: Ctx<D, R>,
  record: DeliveredRecord,
  reason: string,
): Promise<void> {
  const error = new MalformedJobError(reason);
  const ref = { topic: record.topic, partition: record.partition, offset: record.offset };
  const failed = (e: unknown) => ctx.emit('error', toError(e));
  const settler: Settler = {
    ack: (type) =>
      ctx.consumer.acknowledge(ref, type).then(
        () => true,
        (e: unknown) => {
          failed(e);
          return false;
        },
      ),
    failed,
  };
  const deadRecord = {
    record,
    reason: 'malformed' as const,
    error: errorFields(error),
    attempts: record.deliveryCount,
    workerId: ctx.options.workerId,
  };
  if (!(await durablyThenAccept(settler, () => ctx.deadLetters.write([deadRecord])))) return;
  ctx.emit('malformed', record, reason);
  ctx.emit('dead', undefined, 'malformed', error);
  const jobId = record.key?.toString('utf8') || `${record.topic}:${record.partition}:${record.offset}`;
  ctx.publish({ type: 'dead', jobId, reason: 'malformed', error: error.message });
}

function errorFields(error: Error): { message: string; stack?: string; name?: string } {
  const fields: { message: string; stack?: string; name?: string } = {
    message: error.message,
    name: error.name,
  };
  if (error.stack) fields.stack = error.stack;
  return fields;
}
