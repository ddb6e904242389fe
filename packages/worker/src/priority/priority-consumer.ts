/**
 * PriorityConsumer: one share consumer per priority level (same share group, one topic each), behind the
 * ShareConsumer interface the worker's pool already uses. poll(n) fills the n slots from the highest level
 * that has records, then the next; a backlog is never read and re-sorted in memory, so a worker holds no
 * more than it asked for, as with one consumer.
 *
 * One poll:
 *   1. Take what each level already acquired and buffered (a fetch that landed after that level's previous
 *      poll returned): never waits, never fetches, so such records run soon instead of idling under a lock
 *      nobody renews. Only consumers that can hold such records (those with stopFetching) are asked.
 *   2. Levels from the highest: one that gave records last time is asked with a short wait, so its next
 *      fetch lands inside this poll (else a busy high level would look empty between fetches and a lower
 *      level would slip ahead); one that was empty is only sniffed (no wait: its fetch lands for the next
 *      poll), so empty high levels cost low priority nothing but a fetch.
 *   3. Nothing anywhere: wait a slice on the highest level and go again until maxWaitMs.
 * Strict priority: lower levels get only slots the higher ones leave free (see README for starvation).
 */
import type {
  AckReceipt,
  AckType,
  DeliveredRecord,
  PollOptions,
  RecordRef,
  ShareConsumer,
} from '@sharq/core';

/** Wait given to a level that had records last time: about one local broker round trip. */
const BUSY_LEVEL_WAIT_MS = 20;
/** Idle: how long each round waits on the highest level before sniffing the rest again. */
const IDLE_SLICE_MS = 50;
const DEFAULT_POLL_WAIT_MS = 500;

const ABORTED = AbortSignal.abort();

export class PriorityConsumer implements ShareConsumer {
  readonly #levels: ShareConsumer[];
  readonly #byTopic: Map<string, ShareConsumer>;
  readonly #busy: boolean[];
  readonly #holdsLateRecords: boolean;

  /** `levels[i]` consumes `topics[i]`; index 0 is the highest level. */
  constructor(levels: ShareConsumer[], topics: string[]) {
    this.#levels = levels;
    this.#byTopic = new Map(topics.map((topic, i) => [topic, levels[i] as ShareConsumer]));
    this.#busy = levels.map(() => true);
    this.#holdsLateRecords = levels.some((c) => typeof c.stopFetching === 'function');
    if (this.#holdsLateRecords) this.stopFetching = () => this.#stopFetching();
  }

  /** The lowest level's member (the queue topic's), for presence and logs. */
  get memberId(): string {
    return (this.#levels[this.#levels.length - 1] as ShareConsumer).memberId;
  }

  stopFetching?: () => Promise<DeliveredRecord[]>;

  async poll(maxRecords: number, options: PollOptions = {}): Promise<DeliveredRecord[]> {
    const deadline = Date.now() + (options.maxWaitMs ?? DEFAULT_POLL_WAIT_MS);
    const out: DeliveredRecord[] = [];
    for (let round = 0; ; round++) {
      if (this.#holdsLateRecords) {
        for (const level of this.#levels) {
          if (out.length >= maxRecords) break;
          out.push(...(await level.poll(maxRecords - out.length, { signal: ABORTED })));
        }
      }
      for (let i = 0; i < this.#levels.length && out.length < maxRecords; i++) {
        const level = this.#levels[i] as ShareConsumer;
        const remaining = Math.max(0, deadline - Date.now());
        let wait = this.#busy[i] ? Math.min(BUSY_LEVEL_WAIT_MS, remaining) : 0;
        if (round > 0 && i === 0 && out.length === 0) wait = Math.min(IDLE_SLICE_MS, remaining);
        const got = await level.poll(maxRecords - out.length, { maxWaitMs: wait, signal: options.signal });
        this.#busy[i] = got.length > 0;
        out.push(...got);
      }
      if (out.length > 0 || Date.now() >= deadline || options.signal?.aborted) return out;
    }
  }

  acknowledge(record: RecordRef, type: AckType): Promise<AckReceipt> {
    const level = this.#byTopic.get(record.topic) ?? (this.#levels[this.#levels.length - 1] as ShareConsumer);
    return level.acknowledge(record, type);
  }

  async join(timeoutMs: number): Promise<boolean> {
    const joined = await Promise.all(
      this.#levels.map((level) => level.join?.(timeoutMs) ?? Promise.resolve(true)),
    );
    return joined.every(Boolean);
  }

  async close(): Promise<void> {
    await Promise.all(this.#levels.map((level) => level.close()));
  }

  async #stopFetching(): Promise<DeliveredRecord[]> {
    const held = await Promise.all(
      this.#levels.map((level) => level.stopFetching?.() ?? Promise.resolve([])),
    );
    return held.flat();
  }
}
