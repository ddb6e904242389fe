/**
 * QueuePauseWatcher: a queue's pause flag as seen by one process, kept current by a tail of the control
 * topic. start() reads the topic once (so a worker started while the queue is paused knows it before it
 * acquires anything), then follows it; records the read already covered are skipped by offset, so the
 * flag never flips back through old states. Listeners hear every change.
 */
import type { Engine, StoredRecord, Subscription } from '../../engine/engine.js';
import type { QueueTopology } from '../topology.js';
import { decodeOrderingRecord, type OrderingRecord } from '../ordering/ordering-mode.js';
import { decodePauseRecord, readPauseState } from './pause-state.js';
import { provisionControlTopics } from './provision-control.js';

export type PauseListener = (paused: boolean) => void;

export class QueuePauseWatcher {
  readonly #engine: Engine;
  readonly #topology: QueueTopology;
  readonly #listeners = new Set<PauseListener>();
  readonly #orderingListeners = new Set<(record: OrderingRecord) => void>();
  #paused = false;
  #lastOffset = -1;
  #tail: Subscription | undefined;
  #closed = false;

  constructor(engine: Engine, topology: QueueTopology) {
    this.#engine = engine;
    this.#topology = topology;
  }

  isPaused(): boolean {
    return this.#paused;
  }

  onChange(listener: PauseListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Hears an ordering record appended after start() (the queue declared key-ordered while this process
   * runs: a share-group worker must stop, see ordering/ordering-mode.ts).
   */
  onOrdering(listener: (record: OrderingRecord) => void): () => void {
    this.#orderingListeners.add(listener);
    return () => this.#orderingListeners.delete(listener);
  }

  /** Creates the control topic if needed; resolves once the current state is known. */
  async start(): Promise<void> {
    if (this.#tail || this.#closed) return;
    await provisionControlTopics(this.#engine, this.#topology);
    const snapshot = await readPauseState(this.#engine, this.#topology);
    this.#lastOffset = snapshot.lastOffset;
    this.#set(snapshot.state?.paused ?? false);
    if (this.#closed) return;
    this.#tail = this.#engine.tail(this.#topology.controlTopic, { from: 'earliest' }, (records) =>
      this.#onRecords(records),
    );
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#listeners.clear();
    this.#orderingListeners.clear();
    await this.#tail?.close();
  }

  #onRecords(records: StoredRecord[]): void {
    for (const record of records) {
      if (record.offset <= this.#lastOffset) continue;
      this.#lastOffset = record.offset;
      const state = decodePauseRecord(record);
      if (state) this.#set(state.paused);
      const ordering = decodeOrderingRecord(record);
      if (ordering) for (const listener of this.#orderingListeners) listener(ordering);
    }
  }

  #set(paused: boolean): void {
    if (paused === this.#paused) return;
    this.#paused = paused;
    for (const listener of this.#listeners) listener(paused);
  }
}
