import { type Job, needsDedupRelease, releaseDedupClaim } from '@sharq/core';
import { toError } from '../runtime/errors.js';
import type { RuntimeContext } from '../runtime/runtime-context.js';

/**
 * A deduplicated job that finished for good (ACCEPTed as completed, or dead-lettered) releases its claim,
 * so its id can be added again. Not awaited: the verdict is already durable, and a lost release only keeps
 * the id taken (until Queue.removeDeduplicationKey or the claim's 7-day cap), it never loses a job.
 * Jobs without a claim (every job of a queue that does not deduplicate) pay one property read.
 */
export function releaseDedupOnFinish<D, R>(ctx: RuntimeContext<D, R>, job: Job<D, R>): void {
  if (!needsDedupRelease(job.opts)) return;
  releaseDedupClaim(ctx.engine, ctx.topology, job.opts).catch((error: unknown) =>
    ctx.emit('error', toError(error), job),
  );
}
