/**
 * Coalesces many small produce requests into few engine.produce calls.
 *
 * Why: a produce is a broker round trip (acks=all); a thousand concurrent `queue.add` calls
 * must cost a handful of round trips, not a thousand. Items queue up for one linger (a
 * macrotask by default, so every synchronous caller of the same tick lands in one batch),
 * then go out grouped by topic, at most `maxInFlight` batches at a time. Each caller's
 * promise settles with its own record's outcome once the broker has it durably.
 */
import type { Engine, OutgoingRecord, ProducedRecord } from '../engine/engine.js';
import { recordBytes } from '../engine/record-bytes.js';
import { ClosedError, SharqError } from '../errors.js';

export interface ProduceBatcherOptions {
  /** Wait this long for more items before sending (0 = next macrotask). */
  lingerMs?: number;
  /** Most records in one engine.produce call. */
  maxBatch?: number;
  /**
   * Most bytes (keys + values + headers) in one engine.produce call. Kafka rejects a record batch
   * above the topic's max.message.bytes (1 MiB by default) and a produce call becomes one batch per
   * partition, so batches are cut well below that.
   */
  maxBatchBytes?: number;
  /** Concurrent engine.produce calls. */
  maxInFlight?: number;
}

interface Pending {
  topic: string;
  record: OutgoingRecord;
  resolve: (produced: ProducedRecord) => void;
  reject: (error: unknown) => void;
}

export class ProduceBatcher {
  private readonly engine: Engine;
  private readonly lingerMs: number;
  private readonly maxBatch: number;
  private readonly maxInFlight: number;
  private readonly maxBatchBytes: number;
  private queue: Pending[] = [];
  /** The pending linger: a timer, or with lingerMs 0 an immediate (setTimeout(0) waits at least 1 ms). */
  private timer: { cancel(): void } | undefined;
  private inFlight = 0;
  private readonly idleWaiters: (() => void)[] = [];
  private closed = false;
  /** Number of engine.produce calls made (observability and tests). */
  produceCalls = 0;

  constructor(engine: Engine, options: ProduceBatcherOptions = {}) {
    this.engine = engine;
    this.lingerMs = options.lingerMs ?? 0;
    this.maxBatch = options.maxBatch ?? 5_000;
    // One call at a time: the Kafka engine merges calls queued behind an in-flight one into one
    // request, which could then exceed the broker's batch limit; it sends one request at a time anyway.
    this.maxInFlight = options.maxInFlight ?? 1;
    this.maxBatchBytes = options.maxBatchBytes ?? 768 * 1024;
  }

  send(topic: string, record: OutgoingRecord): Promise<ProducedRecord> {
    if (this.closed) return Promise.reject(new ClosedError('producer'));
    return new Promise<ProducedRecord>((resolve, reject) => {
      this.queue.push({ topic, record, resolve, reject });
      this.schedule();
    });
  }

  sendMany(items: readonly { topic: string; record: OutgoingRecord }[]): Promise<ProducedRecord[]> {
    return Promise.all(items.map((item) => this.send(item.topic, item.record)));
  }

  /** Resolves when everything queued so far has been sent (or failed). */
  async flush(): Promise<void> {
    this.timer?.cancel();
    this.timer = undefined;
    this.drain();
    if (this.queue.length === 0 && this.inFlight === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
  }

  private schedule(): void {
    if (this.timer || this.inFlight >= this.maxInFlight) return;
    const fire = () => {
      this.timer = undefined;
      this.drain();
    };
    // With no linger, everything added in this turn of the event loop still goes in one batch, without the
    // extra millisecond a zero timeout costs every add() (and every batch queued behind one in flight).
    if (this.lingerMs === 0) {
      const immediate = setImmediate(fire);
      this.timer = { cancel: () => clearImmediate(immediate) };
    } else {
      const timeout = setTimeout(fire, this.lingerMs);
      this.timer = { cancel: () => clearTimeout(timeout) };
    }
  }

  private drain(): void {
    while (this.queue.length > 0 && this.inFlight < this.maxInFlight) {
      const batch = this.queue.splice(0, this.batchLength());
      this.inFlight++;
      void this.sendBatch(batch).finally(() => {
        this.inFlight--;
        if (this.queue.length > 0) this.schedule();
        else if (this.inFlight === 0) this.wakeIdle();
      });
    }
  }

  /** How many queued items the next batch takes: at least one, within maxBatch and maxBatchBytes. */
  private batchLength(): number {
    let bytes = 0;
    const limit = Math.min(this.queue.length, this.maxBatch);
    for (let i = 0; i < limit; i++) {
      const item = this.queue[i];
      if (!item) break;
      bytes += recordSize(item.record);
      if (bytes > this.maxBatchBytes && i > 0) return i;
    }
    return limit;
  }

  private wakeIdle(): void {
    for (const wake of this.idleWaiters.splice(0)) wake();
  }

  private async sendBatch(batch: Pending[]): Promise<void> {
    const byTopic = new Map<string, Pending[]>();
    for (const item of batch) {
      const list = byTopic.get(item.topic);
      if (list) list.push(item);
      else byTopic.set(item.topic, [item]);
    }
    await Promise.all(
      [...byTopic].map(async ([topic, items]) => {
        try {
          this.produceCalls++;
          const produced = await this.engine.produce(
            topic,
            items.map((item) => item.record),
          );
          items.forEach((item, index) => {
            const result = produced[index];
            if (result) item.resolve(result);
            else
              item.reject(
                new SharqError(
                  'ENGINE',
                  `engine.produce returned ${produced.length} results for ${items.length} records`,
                ),
              );
          });
        } catch (error) {
          for (const item of items) item.reject(error);
        }
      }),
    );
  }
}

function recordSize(record: OutgoingRecord): number {
  // Per-record framing in a v2 record batch (varints, attributes): ~10-15 bytes.
  return 20 + recordBytes(record);
}

/** Produce a possibly large list in byte- and count-bounded batches; resolves when all are written. */
export async function produceChunked(
  engine: Engine,
  topic: string,
  records: readonly OutgoingRecord[],
): Promise<ProducedRecord[]> {
  if (records.length === 0) return [];
  const batcher = new ProduceBatcher(engine, { maxInFlight: 1 });
  try {
    return await batcher.sendMany(records.map((record) => ({ topic, record })));
  } finally {
    await batcher.close();
  }
}
