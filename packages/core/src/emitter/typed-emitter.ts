/**
 * The one event emitter of Sharq's public classes (Queue, QueueEvents, Worker): `on/once/off` checked
 * against an event map, listeners called synchronously in registration order. Unlike node:events:
 * - a listener that throws never breaks the caller of `emit` (library bookkeeping runs on after it):
 *   its exception is emitted as 'error', or, from an 'error' listener, reported as unheard;
 * - an 'error' nobody listens to does not crash the host process: it goes to reportUnheardError.
 */
import { toError } from '../errors.js';
import { reportUnheardError } from './unheard-errors.js';

// biome-ignore lint/suspicious/noExplicitAny: listener parameter lists are contravariant; `any[]` is the only bound that accepts them all
export type EventMap = Record<string, (...args: any[]) => void>;

/** An event map written as argument tuples, e.g. `{ completed: [job: Job, result: R] }`. */
// biome-ignore lint/suspicious/noExplicitAny: see EventMap
export type EventArgs = { [event: string]: any[] };

/** The argument tuples of an event map written as listeners. */
export type ArgsOf<Events extends EventMap> = { [K in keyof Events]: Parameters<Events[K]> };

type AnyListener = (...args: unknown[]) => void;

// biome-ignore lint/suspicious/noExplicitAny: see EventMap
export class TypedEmitter<Args extends { [K in keyof Args]: any[] }> {
  // Keyed by event name; typed at the public methods, so one untyped map serves every event.
  readonly #listeners = new Map<PropertyKey, Set<AnyListener>>();

  on<K extends keyof Args>(event: K, listener: (...args: Args[K]) => void): this {
    let set = this.#listeners.get(event);
    if (!set) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    set.add(listener as AnyListener);
    return this;
  }

  once<K extends keyof Args>(event: K, listener: (...args: Args[K]) => void): this {
    const wrapper = (...args: Args[K]) => {
      this.off(event, wrapper);
      listener(...args);
    };
    return this.on(event, wrapper);
  }

  off<K extends keyof Args>(event: K, listener: (...args: Args[K]) => void): this {
    this.#listeners.get(event)?.delete(listener as AnyListener);
    return this;
  }

  listenerCount(event: keyof Args): number {
    return this.#listeners.get(event)?.size ?? 0;
  }

  /** Calls every listener; false when there was none (an unheard 'error' has then been reported). */
  protected emit<K extends keyof Args>(event: K, ...args: Args[K]): boolean {
    return this.#dispatch(event, args);
  }

  /** What the unheard-error report names besides the error, e.g. `{ workerId }`. */
  protected unheardContext(): Record<string, unknown> {
    return { emitter: this.constructor.name };
  }

  #dispatch(event: PropertyKey, args: readonly unknown[]): boolean {
    const set = this.#listeners.get(event);
    if (!set || set.size === 0) {
      if (event === 'error') reportUnheardError(this.unheardContext(), args[0]);
      return false;
    }
    for (const listener of [...set]) {
      try {
        listener(...args);
      } catch (error) {
        if (event === 'error') reportUnheardError(this.unheardContext(), error);
        else this.#dispatch('error', [toError(error, 'a listener')]);
      }
    }
    return true;
  }
}
