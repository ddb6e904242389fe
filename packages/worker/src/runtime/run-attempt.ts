import { TimeoutError } from '@sharq/core';
import { toError } from './errors.js';

export type AttemptResult<Result> = { ok: true; value: Result } | { ok: false; error: Error };

/**
 * Runs one processor call under an AbortController.
 *
 * The attempt ends at whichever comes first: the processor settles, or the signal aborts (timeout, lost
 * lock, close). After an abort the processor may keep running if it ignores the signal; its late result is
 * discarded (and its late rejection observed, never unhandled) — the slot is freed either way, so one
 * hanging processor cannot wedge the worker.
 */
export async function runAttempt<Result>(
  call: (signal: AbortSignal) => Promise<Result> | Result,
  controller: AbortController,
  timeoutMs: number | undefined,
  describe: () => string,
): Promise<AttemptResult<Result>> {
  const { signal } = controller;
  let timer: NodeJS.Timeout | undefined;
  if (timeoutMs !== undefined && timeoutMs > 0) {
    timer = setTimeout(() => {
      controller.abort(new TimeoutError(`${describe()} timed out after ${timeoutMs} ms`));
    }, timeoutMs);
  }
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<AttemptResult<Result>>((resolve) => {
    onAbort = () => resolve({ ok: false, error: toError(signal.reason) });
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  const processed = (async (): Promise<AttemptResult<Result>> => {
    try {
      return { ok: true, value: await call(signal) };
    } catch (thrown) {
      return { ok: false, error: toError(thrown) };
    }
  })();
  try {
    return await Promise.race([processed, aborted]);
  } finally {
    if (timer) clearTimeout(timer);
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}
