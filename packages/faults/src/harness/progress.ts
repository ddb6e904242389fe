import { statSync } from 'node:fs';
import { readLedger } from '../ledger/ledger.js';

/**
 * Watches the ledger grow. The longest stall (time with no new completion while work remained) is the
 * scenario's recovery time: after a fault, how long until jobs complete again.
 */
export class ProgressMonitor {
  #lastSize = 0;
  #lastChange = Date.now();
  #longestStall = 0;
  #timer: NodeJS.Timeout;

  constructor(private readonly ledgerFile: string) {
    this.#timer = setInterval(() => this.#sample(), 100);
  }

  #sample(): void {
    let size = 0;
    try {
      size = statSync(this.ledgerFile).size;
    } catch {
      // No completion yet.
    }
    const now = Date.now();
    if (size !== this.#lastSize) {
      this.#lastSize = size;
      this.#lastChange = now;
    }
    this.#longestStall = Math.max(this.#longestStall, now - this.#lastChange);
  }

  /** Restart stall measurement (e.g. once the workers are up, so start-up does not count as a stall). */
  reset(): void {
    this.#lastChange = Date.now();
    this.#longestStall = 0;
  }

  /** Time since the last completion. */
  get currentStallMs(): number {
    return Date.now() - this.#lastChange;
  }

  get longestStallMs(): number {
    return this.#longestStall;
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}

/** Resolves once every id in `ids` is in the ledger, or at the deadline (the accounting shows the rest). */
export async function waitForCompletion(
  ledgerFile: string,
  ids: readonly string[],
  timeoutMs: number,
  onPoll?: () => void,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const done = readLedger(ledgerFile);
    let missing = 0;
    for (const id of ids) if (!done.has(id)) missing++;
    if (missing === 0) return true;
    if (Date.now() > deadline) return false;
    onPoll?.();
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Waits until the ledger holds at least `count` distinct jobs, or `timeoutMs` passed; returns the count. */
export async function waitForLedger(ledgerFile: string, count: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const done = readLedger(ledgerFile).size;
    if (done >= count || Date.now() > deadline) return done;
    await new Promise((r) => setTimeout(r, 250));
  }
}
