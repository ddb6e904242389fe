/**
 * PauseGate: whether this worker may acquire jobs. Closed while the queue is paused (queue.pause(), seen
 * through core's QueuePauseWatcher) or while this worker is paused (worker.pause()); open otherwise. The
 * pool asks isPaused() before each acquisition and waits in whenOpen(); changes are announced to listeners
 * (the worker wakes its acquire loop with them, so held records go back at once).
 */

/** What the pool needs from a gate (the default is always open). */
export interface AcquireGate {
  isPaused(): boolean;
  /** Resolves when the gate opens or `signal` aborts. */
  whenOpen(signal: AbortSignal): Promise<void>;
}

export const OPEN_GATE: AcquireGate = {
  isPaused: () => false,
  whenOpen: () => Promise.resolve(),
};

/** 'ordering': a share-group worker of a queue declared key-ordered while it ran (it stays stopped). */
export type PauseSource = 'queue' | 'worker' | 'ordering';

export class PauseGate implements AcquireGate {
  readonly #closedBy = new Set<PauseSource>();
  readonly #listeners = new Set<(paused: boolean) => void>();
  #openWaiters: (() => void)[] = [];

  isPaused(): boolean {
    return this.#closedBy.size > 0;
  }

  /** Paused by this source? (worker.isPaused() is about the worker's own pause.) */
  isPausedBy(source: PauseSource): boolean {
    return this.#closedBy.has(source);
  }

  set(source: PauseSource, paused: boolean): void {
    const before = this.isPaused();
    if (paused) this.#closedBy.add(source);
    else this.#closedBy.delete(source);
    const after = this.isPaused();
    if (before === after) return;
    if (!after) {
      const waiters = this.#openWaiters;
      this.#openWaiters = [];
      for (const wake of waiters) wake();
    }
    for (const listener of this.#listeners) listener(after);
  }

  onChange(listener: (paused: boolean) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  whenOpen(signal: AbortSignal): Promise<void> {
    if (!this.isPaused() || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        signal.removeEventListener('abort', done);
        this.#openWaiters = this.#openWaiters.filter((waiter) => waiter !== done);
        resolve();
      };
      this.#openWaiters.push(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
