import { ClosedError, ValidationError } from '@sharq/core';
import { toError } from './errors.js';

const STARTUP_BACKOFF_MS = [250, 500, 1_000, 2_000, 5_000];

/**
 * Connect-and-provision with retries: a broker that is down at start-up is waited for (each failure
 * reported), not fatal. A refusal (a config the broker/engine will never accept) and close() end the
 * attempts.
 */
export async function retryStartup<T>(
  attempt: () => Promise<T>,
  signal: AbortSignal,
  report: (error: Error) => void,
): Promise<T> {
  for (let failures = 0; ; failures++) {
    if (signal.aborted) throw new ClosedError('worker');
    try {
      return await attempt();
    } catch (error) {
      if (signal.aborted || isRefusal(error)) throw error;
      report(toError(error));
    }
    const delay = STARTUP_BACKOFF_MS[Math.min(failures, STARTUP_BACKOFF_MS.length - 1)] ?? 5_000;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, delay);
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    });
  }
}

/**
 * Retrying cannot help: a ValidationError, or a broker error flagged not retriable (our KafkaProtocolError
 * and kafkajs' errors both carry `retriable`). Connection trouble carries no flag and is retried.
 */
function isRefusal(error: unknown): boolean {
  if (error instanceof ValidationError) return true;
  return (
    typeof error === 'object' && error !== null && (error as { retriable?: unknown }).retriable === false
  );
}

/** Waits for `work` (if any) or for `signal` to abort, whichever comes first; never rejects on the abort. */
export async function untilAborted(work: Promise<unknown> | undefined, signal: AbortSignal): Promise<void> {
  if (!work || signal.aborted) return;
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<void>((resolve) => {
    onAbort = () => resolve();
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([work, aborted]);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}
