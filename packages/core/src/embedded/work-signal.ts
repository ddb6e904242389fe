/**
 * Where waiting polls sleep until something may have become acquirable (a produce, a release, a
 * lock expiry, a config change). No polling loop: a waiter costs one pending promise.
 */
export class WorkSignal {
  private waiters = new Set<() => void>();
  private scheduled = false;

  /** Resolves on the next notify(); `cancel` drops the wait. */
  wait(): { promise: Promise<void>; cancel: () => void } {
    let wake!: () => void;
    const promise = new Promise<void>((resolve) => {
      wake = resolve;
    });
    this.waiters.add(wake);
    return { promise, cancel: () => this.waiters.delete(wake) };
  }

  /**
   * Wake the waiters on the next macrotask: a burst of acknowledgements (or produces) frees many
   * records before the waiters acquire, so they get full batches instead of one record per wake-up.
   */
  notify(): void {
    if (this.scheduled || this.waiters.size === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.notifyNow();
    });
  }

  notifyNow(): void {
    if (this.waiters.size === 0) return;
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const wake of waiters) wake();
  }
}
