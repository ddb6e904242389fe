/**
 * DedupGate: the Queue's side of deduplication. claim() appends one claim per job to the deduplication
 * topic (one produce for a whole addBulk), waits until this process's tail of the topic has read them,
 * and returns each claim's verdict from the DedupBook. Only winners are then produced to the queue.
 *
 * The tail starts at the topic's beginning on first use and follows it while the Queue is open, so
 * each later add costs one produce plus the tail's delivery of its own claim (no re-read).
 */
import type { Engine, OutgoingRecord, ProducedRecord, Subscription } from '../../engine/engine.js';
import { SharqError } from '../../errors.js';
import type { JobEnvelope } from '../envelope.js';
import type { QueueTopology } from '../topology.js';
import { type ClaimVerdict, DedupBook } from './dedup-book.js';
import { DedupClaimTimeoutError } from './dedup-errors.js';
import { decodeDedupRecord, encodeDedupRecord, RELEASE_ANY } from './dedup-records.js';
import { provisionDedupTopic } from './provision-dedup.js';

/** How claims are written; the Queue passes its ProduceBatcher so concurrent adds share one produce. */
export type ProduceClaims = (topic: string, records: OutgoingRecord[]) => Promise<ProducedRecord[]>;

/** How long an add waits for its claim to come back through the tail before it fails. */
const READ_BACK_TIMEOUT_MS = 30_000;

export class DedupGate {
  readonly #engine: Engine;
  readonly #produce: ProduceClaims;
  readonly #readBackTimeoutMs: number;
  readonly #topology: QueueTopology;
  readonly #book = new DedupBook();
  readonly #waiters: { offset: number; resolve: () => void }[] = [];
  #tail: Subscription | undefined;
  #starting: Promise<void> | undefined;

  constructor(
    engine: Engine,
    topology: QueueTopology,
    produce?: ProduceClaims,
    readBackTimeoutMs = READ_BACK_TIMEOUT_MS,
  ) {
    this.#readBackTimeoutMs = readBackTimeoutMs;
    this.#engine = engine;
    this.#topology = topology;
    this.#produce = produce ?? ((topic, records) => engine.produce(topic, records));
  }

  /** One verdict per envelope (in order); every envelope must carry opts.dedup. */
  async claim(envelopes: readonly JobEnvelope[]): Promise<ClaimVerdict[]> {
    await this.#start();
    const claims = envelopes.map((envelope) => {
      const dedup = envelope.opts.dedup;
      if (!dedup) throw new SharqError('DEDUP_NO_CLAIM', `job ${envelope.id} carries no deduplication claim`);
      this.#book.await(dedup.token);
      return encodeDedupRecord({
        t: 'claim',
        key: dedup.key,
        token: dedup.token,
        // The add's time (envelope.ts), not the claim's: a ttl runs from the add, as the caller sees it.
        at: envelope.ts,
        ...(dedup.ttl !== undefined ? { ttl: dedup.ttl } : {}),
        envelope,
      });
    });
    try {
      const produced = await this.#produce(this.#topology.dedupTopic, claims);
      const last = Math.max(...produced.map((p) => p.offset));
      await this.#readUpTo(last, envelopes[0]?.opts.dedup?.key ?? '');
      return envelopes.map((envelope) => {
        const verdict = this.#book.take(envelope.opts.dedup?.token ?? '');
        // Read up to our own offsets, so a missing verdict means the log lost our claim: fail loudly.
        if (!verdict)
          throw new SharqError(
            'DEDUP_CLAIM_LOST',
            `deduplication claim of job ${envelope.id} was not read back`,
          );
        return verdict;
      });
    } finally {
      for (const envelope of envelopes) this.#book.forget(envelope.opts.dedup?.token ?? '');
    }
  }

  /** Drops the live claim of a key, whoever holds it (BullMQ's removeDeduplicationKey). */
  async release(key: string, token = RELEASE_ANY): Promise<void> {
    await provisionDedupTopic(this.#engine, this.#topology);
    await this.#engine.produce(this.#topology.dedupTopic, [encodeDedupRecord({ t: 'release', key, token })]);
  }

  async close(): Promise<void> {
    const tail = this.#tail;
    this.#tail = undefined;
    await tail?.close();
  }

  #start(): Promise<void> {
    this.#starting ??= (async () => {
      await provisionDedupTopic(this.#engine, this.#topology);
      this.#tail = this.#engine.tail(this.#topology.dedupTopic, { from: 'earliest' }, (records) => {
        for (const record of records) this.#book.apply(record.offset, decodeDedupRecord(record));
        this.#wake();
      });
    })().catch((error: unknown) => {
      this.#starting = undefined;
      throw error;
    });
    return this.#starting;
  }

  #readUpTo(offset: number, key: string): Promise<void> {
    if (this.#book.lastOffset >= offset) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = {
        offset,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        const index = this.#waiters.indexOf(waiter);
        if (index >= 0) this.#waiters.splice(index, 1);
        reject(new DedupClaimTimeoutError(key, this.#readBackTimeoutMs));
      }, this.#readBackTimeoutMs);
      this.#waiters.push(waiter);
    });
  }

  #wake(): void {
    const read = this.#book.lastOffset;
    for (let i = this.#waiters.length - 1; i >= 0; i--) {
      const waiter = this.#waiters[i];
      if (waiter && waiter.offset <= read) {
        this.#waiters.splice(i, 1);
        waiter.resolve();
      }
    }
  }
}
