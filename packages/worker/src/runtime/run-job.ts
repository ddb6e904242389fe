import { Job, type JobEnvelope, type JobHooks } from '@sharq/core';
import type { ActiveJob, HeldRecord } from './active-job.js';
import { LazyAbort } from './lazy-abort.js';
import { toError } from './errors.js';
import type { AdmitVerdict } from './limiter-hook.js';
import type { Processor } from './processor.js';
import { runAttempt } from './run-attempt.js';
import type { RuntimeContext } from './runtime-context.js';
import { settleDeferred, settleFailure, settleSuccess } from './settle.js';

/**
 * One delivery from acquisition to verdict: build the Job, announce it, run the processor under its
 * AbortSignal, then settle. `onProcessorDone` frees the slot as soon as the processor is over (settling
 * is I/O and must not hold a slot the next job could use).
 */
/** The hooks every Job of this worker shares (built once per worker, not per job). */
export function jobHooks<D, R>(ctx: RuntimeContext<D, R>): JobHooks {
  return {
    onProgress: (j, progress) => {
      ctx.emit('progress', j as Job<D, R>, progress);
      ctx.publish({ type: 'progress', jobId: j.id, progress });
    },
    onLog: (j, line) => {
      ctx.publish({ type: 'log', jobId: j.id, line });
    },
  };
}

export function createActiveJob<D, R>(
  ctx: RuntimeContext<D, R>,
  held: HeldRecord,
  envelope: JobEnvelope,
  startedAt: number,
  hooks: JobHooks,
): ActiveJob & { job: Job<D, R> } {
  const { record } = held;
  const job = new Job<D, R>(
    {
      envelope,
      queue: ctx.topology.queue,
      deliveryCount: record.deliveryCount,
      record,
      processedOn: startedAt,
    },
    hooks,
  );
  return {
    record,
    envelope,
    job,
    aborter: new LazyAbort(),
    startedAt,
    // The held record's lock: the span the broker granted, renewed while it waited.
    lockSpanMs: held.lockSpanMs,
    lockExpiresAt: held.lockExpiresAt,
    renewing: false,
    state: 'running',
  };
}

export async function runJob<D, R>(
  ctx: RuntimeContext<D, R>,
  active: ActiveJob & { job: Job<D, R> },
  processor: Processor<D, R>,
  onProcessorDone: (active: ActiveJob) => void,
): Promise<void> {
  const { job } = active;
  if (ctx.options.limiter?.admit) {
    // Per-key limit: the record is held (renewed like a running job) or re-enqueued, never run early.
    let verdict: AdmitVerdict = { start: true };
    try {
      verdict = await ctx.options.limiter.admit(job, active.aborter.signal);
    } catch (error) {
      ctx.emit('error', toError(error), job);
    }
    if (!verdict.start || active.state !== 'running') {
      onProcessorDone(active);
      if (active.state !== 'running' || verdict.start) return;
      active.state = 'settling';
      try {
        await settleDeferred(ctx, active, job, verdict.delayMs);
      } finally {
        active.state = 'done';
      }
      return;
    }
  }
  ctx.emit('active', job);
  ctx.publish({
    type: 'active',
    jobId: job.id,
    name: job.name,
    attempt: job.attempt,
    addedAt: job.timestamp,
  });
  let result: Awaited<ReturnType<typeof runAttempt<R>>>;
  try {
    result = await runAttempt(
      (context) => processor(job, context),
      active.aborter,
      job.opts.timeout,
      () => `job ${job.id} (attempt ${job.attempt})`,
    );
  } finally {
    onProcessorDone(active);
  }
  // Lost lock or released by close(): someone else owns the verdict now; this result is void.
  if (active.state !== 'running') return;
  active.state = 'settling';
  try {
    if (result.ok) await settleSuccess(ctx, active, job, result.value);
    else await settleFailure(ctx, active, job, result.error);
  } finally {
    active.state = 'done';
  }
}
