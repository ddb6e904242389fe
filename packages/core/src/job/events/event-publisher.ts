/**
 * EventPublisher: job events go out in batches — every event of a linger window rides in ONE record
 * (the compact form of compact-batch.ts), and one produce goes out per few ms per process, never one per
 * job. At full speed a worker emits two events per job ('active', 'completed'); as one record each they
 * cost more client CPU (encoding, partitioning, CRC) and broker appends than the jobs themselves, and as
 * one JSON object each they were still a third of a no-op worker's busy CPU. publish() only keeps the
 * event; the window is serialised once when it is sealed (so a result is captured as it is then, ≤ lingerMs
 * after the job returned it).
 * publish() never throws and returns nothing: events are observability, a failed event write must not
 * fail the job; errors go to `onError`.
 */
import type { Engine } from '../../engine/engine.js';
import { ClosedError } from '../../errors.js';
import { ProduceBatcher } from '../produce-batcher.js';
import type { QueueTopology } from '../topology.js';
import { encodeCompactBatch } from './compact-batch.js';
import type { JobEvent } from './job-event.js';

export interface EventPublisherOptions {
  /** Linger before a batch goes out (ms). */
  lingerMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * A record is cut at this many characters of event JSON (≤ 3 bytes each in UTF-8, so ≤ 768 KiB): under the
 * topic's max.message.bytes (1 MiB default), and small enough that a reader never holds a huge value. The
 * size is known only once a window is encoded: a larger record is split in halves. One event larger than
 * this still goes out, alone.
 */
const MAX_RECORD_CHARS = 256 * 1024;
/** ...or at this many events, so readers decode in bounded steps. */
const MAX_RECORD_EVENTS = 2_000;

export class EventPublisher {
  private readonly batcher: ProduceBatcher;
  private readonly topic: string;
  private readonly lingerMs: number;
  private readonly onError: (error: unknown) => void;
  /** Events of the record being filled, as published (encoded when sealed). */
  private current: JobEvent[] = [];
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(engine: Engine, topology: QueueTopology, options: EventPublisherOptions = {}) {
    this.topic = topology.eventsTopic;
    this.lingerMs = options.lingerMs ?? 5;
    // The linger happens here (records are filled for lingerMs); the batcher sends sealed records at once.
    this.batcher = new ProduceBatcher(engine, { lingerMs: 0, maxInFlight: 1 });
    this.onError = options.onError ?? (() => {});
  }

  get produceCalls(): number {
    return this.batcher.produceCalls;
  }

  publish(event: JobEvent): void {
    if (this.closed) {
      this.onError(new ClosedError('event publisher'));
      return;
    }
    this.current.push(event);
    if (this.current.length >= MAX_RECORD_EVENTS) this.seal();
    else this.timer ??= setTimeout(() => this.seal(), this.lingerMs);
  }

  flush(): Promise<void> {
    this.seal();
    return this.batcher.flush();
  }

  async close(): Promise<void> {
    this.seal();
    this.closed = true;
    await this.batcher.close();
  }

  /** Hands the record being filled to the batcher. */
  private seal(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.current.length === 0) return;
    const events = this.current;
    this.current = [];
    this.send(events);
  }

  private send(events: JobEvent[]): void {
    let value: string | undefined;
    try {
      value = encodeCompactBatch(events, this.onError);
    } catch (error) {
      // Only a string beyond V8's limit gets here (a window of huge results): halves fit; one event alone
      // is reported.
      if (events.length === 1) {
        this.onError(error);
        return;
      }
    }
    if (value === undefined || (value.length > MAX_RECORD_CHARS && events.length > 1)) {
      const half = events.length >>> 1;
      this.send(events.slice(0, half));
      this.send(events.slice(half));
      return;
    }
    this.batcher.send(this.topic, { key: null, value }).catch(this.onError);
  }
}
