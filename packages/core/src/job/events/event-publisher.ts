/**
 * EventPublisher: job events go out in batches (one produce per few ms per process, never one
 * per job). publish() never throws and returns nothing: events are observability, a failed
 * event write must not fail the job; errors go to `onError`.
 */
import type { Engine } from '../../engine/engine.js';
import { ProduceBatcher } from '../produce-batcher.js';
import type { QueueTopology } from '../topology.js';
import { encodeJobEvent, type JobEvent } from './job-event.js';

export interface EventPublisherOptions {
  /** Linger before a batch goes out (ms). */
  lingerMs?: number;
  onError?: (error: unknown) => void;
}

export class EventPublisher {
  private readonly batcher: ProduceBatcher;
  private readonly topic: string;
  private readonly onError: (error: unknown) => void;

  constructor(engine: Engine, topology: QueueTopology, options: EventPublisherOptions = {}) {
    this.topic = topology.eventsTopic;
    this.batcher = new ProduceBatcher(engine, { lingerMs: options.lingerMs ?? 5, maxInFlight: 1 });
    this.onError = options.onError ?? (() => {});
  }

  get produceCalls(): number {
    return this.batcher.produceCalls;
  }

  publish(event: JobEvent): void {
    this.batcher.send(this.topic, encodeJobEvent(event)).catch(this.onError);
  }

  flush(): Promise<void> {
    return this.batcher.flush();
  }

  close(): Promise<void> {
    return this.batcher.close();
  }
}
