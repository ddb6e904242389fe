import type { Clock, TimerHandle } from './clock.js';

interface PendingTimer {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/**
 * A Clock that only moves when told to: `advance(ms)` fires every timer due on the way, in
 * time order (ties in creation order), with `now()` equal to each timer's due time while it runs.
 */
export class ManualClock implements Clock {
  private current: number;
  private seq = 0;
  private timers: PendingTimer[] = [];

  constructor(startMs = 1_700_000_000_000) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  setTimer(fn: () => void, delayMs: number): TimerHandle {
    const timer: PendingTimer = {
      at: this.current + Math.max(0, delayMs),
      seq: this.seq++,
      fn,
      cancelled: false,
    };
    this.timers.push(timer);
    return {
      cancel: () => {
        timer.cancelled = true;
      },
    };
  }

  /** Timers still waiting to fire. */
  pendingTimers(): number {
    this.timers = this.timers.filter((timer) => !timer.cancelled);
    return this.timers.length;
  }

  /** Move time forward by `ms`, firing due timers (including ones scheduled by fired timers). */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const next = this.nextDue(target);
      if (!next) break;
      this.timers.splice(this.timers.indexOf(next), 1);
      this.current = next.at;
      next.fn();
    }
    this.current = target;
  }

  /** advance() and then let promise callbacks run, so awaited polls observe the new state. */
  async tick(ms: number): Promise<void> {
    this.advance(ms);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  private nextDue(target: number): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const timer of this.timers) {
      if (timer.cancelled || timer.at > target) continue;
      if (!best || timer.at < best.at || (timer.at === best.at && timer.seq < best.seq)) best = timer;
    }
    if (!best) this.timers = this.timers.filter((timer) => !timer.cancelled);
    return best;
  }
}
