import { TimeoutError } from '@sharq/core';
import { toError } from './errors.js';
import type { LazyAbort } from './lazy-abort.js';

export type AttemptResult<Result> = { ok: true; value: Result } | { ok: false; error: Error };

/**
 * Runs one processor call under its LazyAbort (the processor's context and AbortSignal).
 *
 * The attempt ends at whichever comes first: the processor settles, or it is aborted (timeout, lost
 * lock, close). After an abort the processor may keep running if it ignores the signal; its late result is
 * discarded (and its late rejection observed, never unhandled) — the slot is freed either way, so one
 * hanging processor cannot wedge the worker.
 */
export function runAttempt<Result>(
  call: (context: LazyAbort) => Promise<Result> | Result,
  aborter: LazyAbort,
  timeoutMs: number | undefined,
  describe: () => string,
): Promise<AttemptResult<Result>> {
  // One promise settled by whichever comes first, not a race of three: this runs once per job, and for
  // no-op jobs its allocations (async wrappers, Promise.race, an abort listener) were a visible share of
  // the worker's CPU.
  return new Promise<AttemptResult<Result>>((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    let done = false;
    const finish = (result: AttemptResult<Result>): void => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      aborter.onAbort = undefined;
      resolve(result);
    };
    if (aborter.reason) {
      finish({ ok: false, error: aborter.reason });
      return;
    }
    aborter.onAbort = (reason) => finish({ ok: false, error: reason });
    if (timeoutMs !== undefined && timeoutMs > 0) {
      timer = setTimeout(() => {
        aborter.abort(new TimeoutError(`${describe()} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
    }
    let returned: Promise<Result> | Result;
    try {
      returned = call(aborter);
    } catch (thrown) {
      finish({ ok: false, error: toError(thrown) });
      return;
    }
    if (!isThenable(returned)) {
      finish({ ok: true, value: returned });
      return;
    }
    // A late settlement after an abort is ignored by finish(), and a late rejection is observed here.
    returned.then(
      (value) => finish({ ok: true, value }),
      (thrown: unknown) => finish({ ok: false, error: toError(thrown) }),
    );
  });
}

function isThenable<T>(value: Promise<T> | T): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
