/**
 * The bookkeeping of a key-ordered consumer: one FIFO per key of the records handed in and not yet done,
 * and the list of ready records (the heads of their keys that nobody runs or waits on). Pure data, no I/O,
 * no timers: the OrderedConsumer (ordered-consumer.ts) drives it.
 *
 * A record's life: queued (behind its key's head) → ready (head, waiting for a slot) → running (polled)
 * → done (acknowledged: the next record of its key becomes ready). From running it can also go back to
 * ready (retry in place) or to retrying (due again at retryAt), in both cases still the head of its key.
 * A record of a partition this member lost is dropped from everywhere.
 */
import type { StoredRecord } from '@sharq/core';

export type OrderedState = 'queued' | 'ready' | 'running' | 'retrying' | 'done' | 'dropped';

export interface OrderedEntry {
  readonly record: StoredRecord;
  /** `topic/partition/key`: the FIFO it belongs to (a key lives in one partition of one topic). */
  readonly fifo: string;
  /** The ordering key (the record key as text; a job without orderingKey has its job id there). */
  readonly key: string;
  /** Resolves the engine's onRecord with 'done'. */
  readonly finish: () => void;
  /** The engine's ownership signal for this record: aborted once its partition moved to another member. */
  readonly ownership: AbortSignal;
  state: OrderedState;
  /** 1 on first delivery, + 1 per retry (kept in memory: a new owner starts again at 1). */
  deliveryCount: number;
  /** While running: when the local lock lapses (renewed by the worker like a share lock). */
  lockExpiresAt: number;
  /** While retrying: when it is due again. */
  retryAt?: number;
  /** When it became the head of its key (epoch ms): how long the key has been blocked on it. */
  headSince: number;
}

export function refKey(ref: { topic: string; partition: number; offset: number }): string {
  return `${ref.topic}/${ref.partition}/${ref.offset}`;
}

export class KeyQueues {
  /** FIFO per key; the first entry is the head. */
  readonly #fifos = new Map<string, OrderedEntry[]>();
  /** Ready heads in the order they became ready (entries no longer ready are skipped on take). */
  #ready: (OrderedEntry | undefined)[] = [];
  #readyHead = 0;
  /** Every live entry by topic/partition/offset (acknowledgements name records by their ref). */
  readonly #byRef = new Map<string, OrderedEntry>();

  get size(): number {
    return this.#byRef.size;
  }

  /** Records polled and not yet acknowledged (what a drain before a rejoin waits for). */
  get runningCount(): number {
    let count = 0;
    for (const entry of this.#byRef.values()) if (entry.state === 'running') count++;
    return count;
  }

  get readyCount(): number {
    let count = 0;
    for (let i = this.#readyHead; i < this.#ready.length; i++) if (this.#ready[i]?.state === 'ready') count++;
    return count;
  }

  /** A record handed in by the engine (offset order per partition): ready if its key has nothing before it. */
  add(entry: OrderedEntry, now: number): void {
    this.#byRef.set(refKey(entry.record), entry);
    const fifo = this.#fifos.get(entry.fifo);
    if (fifo) {
      entry.state = 'queued';
      fifo.push(entry);
      return;
    }
    this.#fifos.set(entry.fifo, [entry]);
    entry.headSince = now;
    this.#makeReady(entry, false);
  }

  get(ref: { topic: string; partition: number; offset: number }): OrderedEntry | undefined {
    return this.#byRef.get(refKey(ref));
  }

  /** Up to `max` ready heads, now running. */
  take(max: number): OrderedEntry[] {
    const out: OrderedEntry[] = [];
    while (out.length < max && this.#readyHead < this.#ready.length) {
      const entry = this.#ready[this.#readyHead];
      this.#ready[this.#readyHead++] = undefined;
      if (entry?.state !== 'ready') continue;
      entry.state = 'running';
      out.push(entry);
    }
    if (this.#readyHead === this.#ready.length) {
      this.#ready = [];
      this.#readyHead = 0;
    } else if (this.#readyHead > 1024 && this.#readyHead * 2 > this.#ready.length) {
      this.#ready = this.#ready.slice(this.#readyHead);
      this.#readyHead = 0;
    }
    return out;
  }

  /** The head is ready again (retry in place, or its retry time came): first in line. */
  readyAgain(entry: OrderedEntry): void {
    this.#makeReady(entry, true);
  }

  /** Done: off its FIFO; the next record of its key becomes ready. */
  complete(entry: OrderedEntry, now: number): void {
    entry.state = 'done';
    this.#byRef.delete(refKey(entry.record));
    const fifo = this.#fifos.get(entry.fifo);
    if (!fifo) return;
    const index = fifo.indexOf(entry);
    if (index >= 0) fifo.splice(index, 1);
    const next = fifo[0];
    if (!next) {
      this.#fifos.delete(entry.fifo);
      return;
    }
    if (index === 0 && next.state === 'queued') {
      next.headSince = now;
      this.#makeReady(next, false);
    }
  }

  /**
   * Drops the entries of `topic`/`partition` that `gone` says this member no longer owns (their partition
   * moved); returns them. A key left with entries keeps its order: its first one becomes ready if it was
   * queued.
   */
  dropPartition(
    topic: string,
    partition: number,
    gone: (entry: OrderedEntry) => boolean,
    now: number,
  ): OrderedEntry[] {
    const prefix = `${topic}/${partition}/`;
    const dropped: OrderedEntry[] = [];
    for (const [fifoKey, fifo] of this.#fifos) {
      if (!fifoKey.startsWith(prefix)) continue;
      const kept = fifo.filter((entry) => {
        if (!gone(entry)) return true;
        entry.state = 'dropped';
        this.#byRef.delete(refKey(entry.record));
        dropped.push(entry);
        return false;
      });
      if (kept.length === fifo.length) continue;
      const head = kept[0];
      if (!head) {
        this.#fifos.delete(fifoKey);
        continue;
      }
      this.#fifos.set(fifoKey, kept);
      if (head.state === 'queued') {
        head.headSince = now;
        this.#makeReady(head, false);
      }
    }
    return dropped;
  }

  /** Every FIFO's head with the number of records queued behind it. */
  *heads(): Iterable<{ head: OrderedEntry; waiting: number }> {
    for (const fifo of this.#fifos.values()) {
      const head = fifo[0];
      if (head) yield { head, waiting: fifo.length - 1 };
    }
  }

  #makeReady(entry: OrderedEntry, first: boolean): void {
    entry.state = 'ready';
    if (!first) {
      this.#ready.push(entry);
    } else if (this.#readyHead > 0) {
      this.#ready[--this.#readyHead] = entry;
    } else {
      this.#ready.unshift(entry);
    }
  }
}
