import type { StoredRecord } from '../engine/engine.js';

/**
 * One partition's append-only log. `records[i]` has offset `startOffset + i`; truncation moves
 * the log start offset forward (like Kafka's DeleteRecords) and never reuses offsets.
 */
export class PartitionLog {
  private records: StoredRecord[] = [];
  private start = 0;

  constructor(
    readonly topic: string,
    readonly partition: number,
  ) {}

  /** Log start offset: the first offset still readable. */
  get startOffset(): number {
    return this.start;
  }

  /** Log end offset: the offset the next append gets (Kafka's high watermark; every write is committed). */
  get endOffset(): number {
    return this.start + this.records.length;
  }

  append(record: Omit<StoredRecord, 'offset' | 'topic' | 'partition'>): StoredRecord {
    const stored: StoredRecord = {
      topic: this.topic,
      partition: this.partition,
      offset: this.endOffset,
      key: record.key,
      value: record.value,
      headers: record.headers,
      timestamp: record.timestamp,
    };
    this.records.push(stored);
    return stored;
  }

  /** The record at `offset`, or undefined below the start or at/after the end. */
  get(offset: number): StoredRecord | undefined {
    return this.records[offset - this.start];
  }

  /** Records from `from` (clamped to the log start) up to the end, at most `limit`. */
  read(from: number, limit = Number.POSITIVE_INFINITY): StoredRecord[] {
    const begin = Math.max(0, from - this.start);
    const end = Math.min(this.records.length, begin + limit);
    return begin >= end ? [] : this.records.slice(begin, end);
  }

  /** Drop every record below the current end. */
  truncate(): void {
    this.start = this.endOffset;
    this.records = [];
  }
}
