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
export function runAttempt<Result>(
  call: (signal: AbortSignal) => Promise<Result> | Result,
  controller: AbortController,
  timeoutMs: number | undefined,
  describe: () => string,
): Promise<AttemptResult<Result>> {
  const { signal } = controller;
  // One promise settled by whichever comes first, not a race of three: this runs once per job, and for
  // no-op jobs its allocations (async wrappers, Promise.race) were a visible share of the worker's CPU.
  return new Promise<AttemptResult<Result>>((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    let done = false;
    const finish = (result: AttemptResult<Result>): void => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const onAbort = (): void => finish({ ok: false, error: toError(signal.reason) });
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    if (timeoutMs !== undefined && timeoutMs > 0) {
      timer = setTimeout(() => {
        controller.abort(new TimeoutError(`${describe()} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
    }
    let returned: Promise<Result> | Result;
    try {
      returned = call(signal);
    } catch (thrown) {
      finish({ ok: false, error: toError(thrown) });
      return;
    }
    // A late settlement after an abort is ignored by finish(), and a late rejection is observed here.
    Promise.resolve(returned).then(
      (value) => finish({ ok: true, value }),
      (thrown: unknown) => finish({ ok: false, error: toError(thrown) }),
    );
  });
}
