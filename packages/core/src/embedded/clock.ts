/**
 * Time as the embedded engine sees it. Every lock expiry, session timeout, long-poll bound and
 * retryAt delay goes through a Clock, so unit tests drive the state machine with a ManualClock
 * instead of sleeping.
 */
export interface TimerHandle {
  cancel(): void;
}

export interface TimerOptions {
  /**
   * Keep the process alive while this timer is pending. Housekeeping timers (lock expiry,
   * session sweeps) are not: a program that forgot close() must still be able to exit.
   */
  keepAlive?: boolean;
}

export interface Clock {
  /** Epoch ms. */
  now(): number;
  setTimer(fn: () => void, delayMs: number, options?: TimerOptions): TimerHandle;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(fn, delayMs, options) {
    const timer = setTimeout(fn, Math.max(0, delayMs));
    if (!options?.keepAlive) timer.unref();
    return { cancel: () => clearTimeout(timer) };
  },
};
