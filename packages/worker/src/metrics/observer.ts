/**
 * WorkerObserver: what the runtime tells an observer about its internals that the Worker's events do not
 * carry. Optional everywhere: with no `metrics` option the runtime holds `undefined` and each call site is
 * one `?.` — no timer, no listener, no allocation.
 */
export interface WorkerObserver {
  /** The broker renewed the acquisition lock of one running or held record. */
  lockRenewed(): void;
  /** A ShareFetch was answered after `roundTripMs` (long-poll wait included), acquiring `records`. */
  shareFetched(roundTripMs: number, records: number): void;
}
