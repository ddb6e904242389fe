import type { StoredRecord, Subscription, TailOptions } from '../engine/engine.js';
import type { TopicStore } from './topic-store.js';

/**
 * Follows one topic, all partitions, without a group: every subscriber sees every record.
 * Appends are delivered from a microtask so a produce() never runs subscriber code inline, and
 * several appends in one tick reach the subscriber as one batch.
 */
export class TailSubscription implements Subscription {
  private readonly cursors: number[] = [];
  private readonly stopListening: () => void;
  private scheduled = false;
  private closed = false;

  constructor(
    private readonly topics: TopicStore,
    private readonly topic: string,
    options: TailOptions,
    private readonly onRecords: (records: StoredRecord[]) => void,
  ) {
    // Partitions that exist now start at their end for 'latest'; partitions that appear later start at 0.
    const existing = topics.get(topic);
    if (existing && options.from === 'latest') {
      for (const log of existing.partitions) this.cursors[log.partition] = log.endOffset;
    }
    this.stopListening = topics.listen(topic, () => this.schedule());
    if (options.from === 'earliest') this.schedule();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopListening();
  }

  private schedule(): void {
    if (this.scheduled || this.closed) return;
    this.scheduled = true;
    queueMicrotask(() => this.drain());
  }

  private drain(): void {
    this.scheduled = false;
    if (this.closed) return;
    const topic = this.topics.get(this.topic);
    if (!topic) return;
    const batch: StoredRecord[] = [];
    for (const log of topic.partitions) {
      const records = log.read(this.cursors[log.partition] ?? 0);
      if (records.length === 0) continue;
      this.cursors[log.partition] = records[records.length - 1]!.offset + 1;
      for (const record of records) batch.push(record);
    }
    // A throwing subscriber surfaces as an uncaught error, like a throwing event listener.
    if (batch.length > 0) this.onRecords(batch);
  }
}
