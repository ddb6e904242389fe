/**
 * enqueueRetry: the "retry with backoff" half of a failed attempt's verdict (the worker decides it in
 * packages/worker/src/runtime/decide-failure.ts). The worker writes a copy of
 * the job with its new attemptsMade (to the queue topic if no delay, else to a delay bucket)
 * and only then ACCEPTs the original, so a crash in between duplicates an attempt but never
 * loses the job.
 */
import type { Engine } from '../engine/engine.js';
import { routeDelayed } from './delay/delay-route.js';
import { encodeEnvelope, type JobEnvelope } from './envelope.js';
import type { QueueTopology } from './topology.js';

export interface RetryPlan {
  /** attemptsMade to store in the copy (attempts consumed so far). */
  attemptsMade: number;
  /** 0 → straight back to waiting. */
  delayMs: number;
}

export function retryEnvelope(envelope: JobEnvelope, plan: RetryPlan, now: number): JobEnvelope {
  const copy: JobEnvelope = { ...envelope, attemptsMade: plan.attemptsMade };
  if (plan.delayMs > 0) copy.dueAt = now + plan.delayMs;
  else delete copy.dueAt;
  return copy;
}

export async function enqueueRetry(
  engine: Engine,
  topology: QueueTopology,
  envelope: JobEnvelope,
  plan: RetryPlan,
): Promise<void> {
  const now = Date.now();
  const copy = retryEnvelope(envelope, plan, now);
  const routed = routeDelayed(topology, encodeEnvelope(copy), now + Math.max(0, plan.delayMs), now);
  await engine.produce(routed.topic, [routed.record]);
}
