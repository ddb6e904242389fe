/**
 * The producer behind Engine.produce: kafkajs, idempotent, acks=all, one request in flight
 * (kafkajs' idempotence requires maxInFlightRequests 1), lazily connected.
 *
 * Offsets: the broker answers one baseOffset per partition. We choose every record's partition
 * ourselves before sending (explicit partition, else kafkajs' Java-compatible murmur2 on the key, else
 * round-robin), so each record's offset is baseOffset + its index among the records sent to that partition.
 *
 * Coalescing: while one request is in flight, later produce() calls queue up and go out together as
 * one sendBatch. With a single request in flight this is what keeps throughput up under many small calls.
 */
import { type Message, type Producer, Partitioners, type Kafka, type PartitionMetadata } from 'kafkajs';
import type { OutgoingRecord, ProducedRecord } from '../engine/engine.js';
import { ClosedError, SharqError } from '../errors.js';
import { fromKafkajs } from './kafkajs-errors.js';

/**
 * Most records in one produce request. kafkajs groups a request's messages per partition in O(n²)
 * (groupMessagesPerPartition copies the partition's array for every message): measured per record on this
 * machine ~4-6 µs at 500-1000, ~10-19 µs at 2000, ~23-40 µs at 5000, the whole CPU budget of addBulk.
 * A few more round trips (one request in flight, a few ms each) cost far less than that.
 */
const MAX_REQUEST_RECORDS = 1000;
/**
 * Most value/key/header bytes in one coalesced request. The broker refuses a record batch above the topic's
 * max.message.bytes (1 MiB by default) with MESSAGE_TOO_LARGE, and every call queued behind an in-flight
 * request joins the next one: several callers that each stay under the limit (event publishers of four
 * workers in one process, say) must not add up past it.
 */
const MAX_REQUEST_BYTES = 768 * 1024;

interface Pending {
  topic: string;
  messages: Message[];
  partitions: number[];
  bytes: number;
  resolve: (out: ProducedRecord[]) => void;
  reject: (error: unknown) => void;
}

export class ProduceError extends SharqError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('PRODUCE_FAILED', message, options);
  }
}

export class EngineProducer {
  private producer: Producer | undefined;
  private connecting: Promise<Producer> | undefined;
  private readonly partitioner = Partitioners.DefaultPartitioner();
  private queue: Pending[] = [];
  /** The running send loop, if any; close() waits for it. */
  private pumping: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly kafka: Kafka,
    /** Partition count of a topic (cached unless `fresh`); rejects UNKNOWN_TOPIC_OR_PARTITION. */
    private readonly partitionsOf: (topic: string, fresh: boolean) => Promise<number>,
  ) {}

  /**
   * Larger calls go out as several requests of at most MAX_REQUEST_RECORDS, in order (one request in
   * flight). Like a multi-partition request, a failure may then leave earlier chunks written.
   */
  async produce(topic: string, records: readonly OutgoingRecord[]): Promise<ProducedRecord[]> {
    if (this.closed) throw new ClosedError('KafkaEngine producer');
    if (records.length === 0) return [];
    let count = await this.partitionsOf(topic, false);
    // An explicit partition beyond a cached count: the topic may have grown in another process.
    if (records.some((r) => r.partition !== undefined && r.partition >= count)) {
      count = await this.partitionsOf(topic, true);
    }
    const metadata = fakeMetadata(count);
    const messages: Message[] = [];
    const partitions: number[] = [];
    for (const r of records) {
      const message = toMessage(r);
      // One partition (the default queue, the events topic): no murmur2 of the key per record.
      const partition =
        r.partition ?? (count === 1 ? 0 : this.partitioner({ topic, partitionMetadata: metadata, message }));
      if (partition < 0 || partition >= count) {
        throw new ProduceError(`partition ${partition} out of range for ${topic} (${count} partitions)`);
      }
      message.partition = partition;
      messages.push(message);
      partitions.push(partition);
    }
    if (messages.length <= MAX_REQUEST_RECORDS) return this.enqueue(topic, messages, partitions);
    // Several requests, queued together so they go out in order (one request in flight). Like a
    // multi-partition request, a failure may leave earlier chunks written.
    const chunks: Promise<ProducedRecord[]>[] = [];
    for (let i = 0; i < messages.length; i += MAX_REQUEST_RECORDS) {
      const end = i + MAX_REQUEST_RECORDS;
      chunks.push(this.enqueue(topic, messages.slice(i, end), partitions.slice(i, end)));
    }
    return (await Promise.all(chunks)).flat();
  }

  private enqueue(topic: string, messages: Message[], partitions: number[]): Promise<ProducedRecord[]> {
    return new Promise<ProducedRecord[]>((resolve, reject) => {
      this.queue.push({ topic, messages, partitions, bytes: messagesBytes(messages), resolve, reject });
      if (!this.pumping) this.pumping = this.pump();
    });
  }

  /**
   * One request at a time; everything queued meanwhile goes in the next one. send() never throws.
   * `pumping` is cleared in the same tick as the last empty-queue check, so no call can be left unsent.
   */
  private async pump(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        await this.send(this.takeBatch());
      }
    } finally {
      this.pumping = undefined;
    }
  }

  /**
   * Queued calls for the next request, up to MAX_REQUEST_RECORDS and MAX_REQUEST_BYTES (at least one call;
   * a single call is never split here: its caller bounded it).
   */
  private takeBatch(): Pending[] {
    let records = 0;
    let bytes = 0;
    let n = 0;
    while (n < this.queue.length) {
      const next = this.queue[n];
      if (!next) break;
      if (
        n > 0 &&
        (records + next.messages.length > MAX_REQUEST_RECORDS || bytes + next.bytes > MAX_REQUEST_BYTES)
      )
        break;
      records += next.messages.length;
      bytes += next.bytes;
      n++;
    }
    return this.queue.splice(0, n);
  }

  private async send(batch: Pending[]): Promise<void> {
    // kafkajs keys its per-request state by topic: one entry per topic, calls concatenated in order.
    const byTopic = new Map<string, Message[]>();
    for (const p of batch) {
      const list = byTopic.get(p.topic) ?? [];
      byTopic.set(p.topic, list);
      for (const m of p.messages) list.push(m);
    }
    let results: Awaited<ReturnType<Producer['sendBatch']>>;
    try {
      const producer = await this.connected();
      results = await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
    } catch (error) {
      const wrapped = fromKafkajs(error, 'produce', (m) => new ProduceError(m));
      for (const p of batch) p.reject(wrapped);
      return;
    }
    const base = new Map<string, number>();
    for (const r of results) base.set(`${r.topicName}\u0000${r.partition}`, Number(r.baseOffset ?? r.offset));
    const next = new Map<string, number>();
    for (const p of batch) {
      const out: ProducedRecord[] = [];
      let failed: ProduceError | undefined;
      for (const partition of p.partitions) {
        const key = `${p.topic}\u0000${partition}`;
        const b = base.get(key);
        if (b === undefined || Number.isNaN(b)) {
          failed = new ProduceError(`no produce result for ${p.topic}[${partition}]`);
          break;
        }
        const i = next.get(key) ?? 0;
        next.set(key, i + 1);
        out.push({ topic: p.topic, partition, offset: b + i });
      }
      if (failed) p.reject(failed);
      else p.resolve(out);
    }
  }

  private connected(): Promise<Producer> {
    if (this.producer) return Promise.resolve(this.producer);
    if (!this.connecting) {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      this.connecting = producer.connect().then(
        () => {
          this.producer = producer;
          return producer;
        },
        (error: unknown) => {
          this.connecting = undefined;
          throw error;
        },
      );
    }
    return this.connecting;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const pending = this.connecting;
    if (pending) {
      // Let queued sends finish first: close() is graceful for what was already accepted.
      await this.pumping;
      const producer = await pending.catch(() => undefined);
      await producer?.disconnect();
    }
  }
}

function toMessage(r: OutgoingRecord): Message {
  const message: Message = { key: r.key ?? null, value: r.value };
  if (r.headers) message.headers = { ...r.headers };
  if (r.timestamp !== undefined) message.timestamp = String(r.timestamp);
  return message;
}

function fakeMetadata(count: number): PartitionMetadata[] {
  const out: PartitionMetadata[] = [];
  for (let i = 0; i < count; i++) {
    out.push({
      partitionId: i,
      leader: 0,
      partitionErrorCode: 0,
      replicas: [0],
      isr: [0],
      offlineReplicas: [],
    });
  }
  return out;
}

function messagesBytes(messages: readonly Message[]): number {
  let bytes = 0;
  for (const m of messages) {
    bytes += byteLength(m.key) + byteLength(m.value);
    if (m.headers)
      for (const [name, value] of Object.entries(m.headers)) {
        bytes += name.length;
        if (typeof value === 'string' || Buffer.isBuffer(value)) bytes += byteLength(value);
      }
  }
  return bytes;
}

function byteLength(value: Buffer | string | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'string' ? Buffer.byteLength(value) : value.length;
}
