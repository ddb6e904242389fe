import type { ProcessorContext } from './processor.js';

/**
 * A job attempt's abort: the reason it ended early (timeout, lost lock, close) and the AbortSignal the
 * processor sees. The AbortController behind the signal is created only when someone reads `signal`: most
 * processors never do, and a controller, its signal and an abort listener per job were a visible share of
 * a no-op job's CPU. The attempt in progress hears of an abort through `onAbort`, not an event listener.
 * It is the processor's context object itself (one allocation per job).
 */
export class LazyAbort implements ProcessorContext {
  #controller: AbortController | undefined;
  #reason: Error | undefined;
  /** The running attempt's hook: called once, on the first abort(). */
  onAbort: ((reason: Error) => void) | undefined;

  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#reason) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }

  /** Why the attempt was aborted; undefined while it was not. */
  get reason(): Error | undefined {
    return this.#reason;
  }

  abort(reason: Error): void {
    if (this.#reason) return;
    this.#reason = reason;
    this.#controller?.abort(reason);
    const notify = this.onAbort;
    this.onAbort = undefined;
    notify?.(reason);
  }
}
