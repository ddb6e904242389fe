/**
 * A small typed event emitter. Unlike Node's EventEmitter, an 'error' with no listener does not throw:
 * library code must never crash the host process because nobody subscribed. The worker routes such
 * errors to its logger instead (see worker.ts).
 */
// biome-ignore lint/suspicious/noExplicitAny: listener argument tuples are checked at the call sites via EventMap
type AnyArgs = any[];

export type Listener<Args extends AnyArgs> = (...args: Args) => void;

export class SafeEmitter<EventMap extends { [K in keyof EventMap]: AnyArgs }> {
  readonly #listeners = new Map<keyof EventMap, Set<Listener<AnyArgs>>>();

  on<K extends keyof EventMap>(event: K, listener: Listener<EventMap[K]>): this {
    let set = this.#listeners.get(event);
    if (!set) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    set.add(listener as Listener<AnyArgs>);
    return this;
  }

  once<K extends keyof EventMap>(event: K, listener: Listener<EventMap[K]>): this {
    const wrapper: Listener<EventMap[K]> = (...args) => {
      this.off(event, wrapper);
      listener(...args);
    };
    return this.on(event, wrapper);
  }

  off<K extends keyof EventMap>(event: K, listener: Listener<EventMap[K]>): this {
    this.#listeners.get(event)?.delete(listener as Listener<AnyArgs>);
    return this;
  }

  listenerCount(event: keyof EventMap): number {
    return this.#listeners.get(event)?.size ?? 0;
  }

  /**
   * Calls every listener synchronously. A listener that throws must not break the worker's bookkeeping,
   * so its exception is handed to `onListenerError` rather than propagated.
   */
  protected emit<K extends keyof EventMap>(event: K, ...args: EventMap[K]): boolean {
    const set = this.#listeners.get(event);
    if (!set || set.size === 0) return false;
    for (const listener of [...set]) {
      try {
        listener(...args);
      } catch (error) {
        this.onListenerError(event, error);
      }
    }
    return true;
  }

  protected onListenerError(_event: keyof EventMap, error: unknown): void {
    queueMicrotask(() => {
      throw error;
    });
  }
}
