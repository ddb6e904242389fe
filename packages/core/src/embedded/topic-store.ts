import type { Headers, OutgoingRecord, ProducedRecord, StoredRecord } from '../engine/engine.js';
import { unknownTopicOrPartition } from './errors.js';
import { partitionForKey } from '../engine/murmur2.js';
import { PartitionLog } from './partition-log.js';

export interface Topic {
  readonly name: string;
  readonly partitions: PartitionLog[];
  readonly configs: Record<string, string>;
  /** Round-robin cursor for records with neither key nor partition. */
  nextPartition: number;
}

/** Called after records were appended to `topic` (or the topic was created or grew). */
export type AppendListener = (topic: string) => void;

function toBuffer(value: Buffer | string | null | undefined): Buffer | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? Buffer.from(value) : value;
}

function toHeaders(headers: Record<string, Buffer | string> | undefined): Headers {
  const out: Headers = {};
  if (!headers) return out;
  for (const [name, value] of Object.entries(headers)) out[name] = toBuffer(value) ?? Buffer.alloc(0);
  return out;
}

/** Every topic of one embedded engine, and who wants to hear about appends. */
export class TopicStore {
  private readonly topics = new Map<string, Topic>();
  private readonly listeners = new Map<string, Set<AppendListener>>();

  get(name: string): Topic | undefined {
    return this.topics.get(name);
  }

  require(name: string): Topic {
    const topic = this.topics.get(name);
    if (!topic) throw unknownTopicOrPartition(name);
    return topic;
  }

  /** Create the topic or grow it to `partitions`; never shrinks. Returns true if anything changed. */
  ensure(name: string, partitions: number, configs: Record<string, string> = {}): boolean {
    let topic = this.topics.get(name);
    if (!topic) {
      topic = { name, partitions: [], configs: { ...configs }, nextPartition: 0 };
      this.topics.set(name, topic);
    }
    const before = topic.partitions.length;
    while (topic.partitions.length < partitions) {
      topic.partitions.push(new PartitionLog(name, topic.partitions.length));
    }
    const changed = topic.partitions.length !== before;
    if (changed) this.notify(name);
    return changed;
  }

  /** Append a batch: explicit partition, else murmur2 of the key, else round-robin. */
  append(name: string, records: readonly OutgoingRecord[], now: number): ProducedRecord[] {
    const topic = this.require(name);
    const count = topic.partitions.length;
    const targets: PartitionLog[] = [];
    // Validate the whole batch before writing any of it: a batch is all-or-nothing, like one produce request.
    for (const record of records) {
      let partition = record.partition;
      if (partition === undefined) {
        const key = toBuffer(record.key);
        partition = key ? partitionForKey(key, count) : topic.nextPartition++ % count;
      }
      const log = topic.partitions[partition];
      if (!log) throw unknownTopicOrPartition(name, partition);
      targets.push(log);
    }
    const produced: ProducedRecord[] = new Array(records.length);
    for (let i = 0; i < records.length; i++) {
      const record = records[i]!;
      const stored = targets[i]!.append({
        key: toBuffer(record.key),
        value: toBuffer(record.value),
        headers: toHeaders(record.headers),
        timestamp: record.timestamp ?? now,
      });
      produced[i] = { topic: name, partition: stored.partition, offset: stored.offset };
    }
    if (records.length > 0) this.notify(name);
    return produced;
  }

  /** Append already-built records (the DLQ writer). */
  appendStored(
    name: string,
    partition: number,
    record: Omit<StoredRecord, 'offset' | 'topic' | 'partition'>,
  ): void {
    const log = this.require(name).partitions[partition];
    if (!log) throw unknownTopicOrPartition(name, partition);
    log.append(record);
    this.notify(name);
  }

  truncate(name: string): void {
    for (const log of this.require(name).partitions) log.truncate();
    this.notify(name);
  }

  /** Listen for appends to a topic, whether or not it exists yet. Returns the unsubscribe function. */
  listen(name: string, listener: AppendListener): () => void {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(name) === set) this.listeners.delete(name);
    };
  }

  private notify(name: string): void {
    const set = this.listeners.get(name);
    if (!set) return;
    for (const listener of [...set]) listener(name);
  }
}
