import { randomUUID } from 'node:crypto';
import {
  type AckReceipt,
  type AckType,
  type RecordRef,
  type ShareConsumer,
  type ShareConsumerOptions,
  brokerError,
  errorCodeOf,
  type CompiledJobOptions,
  EmbeddedEngine,
  type Engine,
  type JobEnvelope,
  type QueueTopology,
  encodeEnvelope,
  provisionQueue,
  queueTopology,
} from '@sharq/core';
import { uniqueName } from '@sharq/testkit';
import type { Worker } from '../../src/index.js';
import type { WorkerEvents } from '../../src/runtime/worker-events.js';

/** Group settings every unit test uses: the shortest lock Kafka (and the embedded engine) accepts. */
export const LOCK_MS = 1_000;
export const DELIVERY_LIMIT = 10;

export interface Fixture {
  engine: EmbeddedEngine;
  queue: string;
  topology: QueueTopology;
  /** Produces a job envelope straight to the queue topic (what Queue.add writes). */
  add(
    name: string,
    data: unknown,
    opts?: Partial<CompiledJobOptions> & { attemptsMade?: number },
  ): Promise<string>;
  /** Produces raw bytes to the queue topic (not a Sharq envelope). */
  addRaw(value: string | null): Promise<void>;
}

export async function embeddedFixture(settings?: {
  deliveryCountLimit?: number;
  partitions?: number;
}): Promise<Fixture> {
  const engine = new EmbeddedEngine();
  const queue = uniqueName('wq');
  const topology = queueTopology(queue);
  await provision(engine, topology, settings);
  return {
    engine,
    queue,
    topology,
    async add(name, data, opts = {}) {
      const { attemptsMade = 0, ...jobOpts } = opts;
      const envelope: JobEnvelope = {
        v: 1,
        id: randomUUID(),
        name,
        data,
        opts: { attempts: 1, ...jobOpts },
        attemptsMade,
        ts: Date.now(),
      };
      await engine.produce(topology.topic, [encodeEnvelope(envelope)]);
      return envelope.id;
    },
    async addRaw(value) {
      await engine.produce(topology.topic, [{ key: 'raw', value }]);
    },
  };
}

export function provision(
  engine: Engine,
  topology: QueueTopology,
  settings?: { deliveryCountLimit?: number; partitions?: number },
): Promise<unknown> {
  return provisionQueue(engine, topology, {
    partitions: settings?.partitions ?? 1,
    lockDurationMs: LOCK_MS,
    deliveryCountLimit: settings?.deliveryCountLimit ?? DELIVERY_LIMIT,
  });
}

type Events<D, R> = WorkerEvents<D, R>;

/** Resolves with the arguments of the next `event`. */
export function nextEvent<D, R, K extends keyof Events<D, R>>(
  worker: Worker<D, R>,
  event: K,
): Promise<Events<D, R>[K]> {
  return new Promise((resolve) => {
    worker.once(event, (...args) => resolve(args));
  });
}

/** Collects the arguments of `count` occurrences of `event`. */
export function collect<D, R, K extends keyof Events<D, R>>(
  worker: Worker<D, R>,
  event: K,
  count: number,
): Promise<Events<D, R>[K][]> {
  const seen: Events<D, R>[K][] = [];
  return new Promise((resolve) => {
    const listener = (...args: Events<D, R>[K]) => {
      seen.push(args);
      if (seen.length === count) {
        worker.off(event, listener);
        resolve(seen);
      }
    };
    worker.on(event, listener);
  });
}

/** A promise with its resolve handle: processors wait on gates so tests control timing without sleeps. */
export function gate<T = void>(): { promise: Promise<T>; open: (value: T) => void } {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

type WorkerOptionsArg<D, R> = ConstructorParameters<typeof Worker<D, R>>[2];
type ProcessorArg<D, R> = ConstructorParameters<typeof Worker<D, R>>[1];

/** Starts workers with the unit-test group settings and closes them all after each test. */
export function workerTracker(WorkerClass: typeof Worker) {
  const started: Worker<unknown, unknown>[] = [];
  return {
    start<D, R>(
      fx: { queue: string; engine: Engine },
      processor: ProcessorArg<D, R>,
      extra: Partial<WorkerOptionsArg<D, R>> = {},
    ): Worker<D, R> {
      const worker = new WorkerClass<D, R>(fx.queue, processor, {
        connection: fx.engine,
        lockDurationMs: LOCK_MS,
        deliveryCountLimit: DELIVERY_LIMIT,
        drainDelayMs: 50,
        ...extra,
      });
      started.push(worker as Worker<unknown, unknown>);
      return worker;
    },
    async closeAll(): Promise<void> {
      await Promise.all(started.splice(0).map((worker) => worker.close({ timeout: 2_000 })));
    },
  };
}

/** The same engine, with each share consumer it creates passed through `wrap` (fault injection, spying). */
export function wrapConsumers(engine: Engine, wrap: (consumer: ShareConsumer) => ShareConsumer): Engine {
  return new Proxy(engine, {
    get(target, property) {
      if (property === 'createShareConsumer') {
        return (options: ShareConsumerOptions) => wrap(target.createShareConsumer(options));
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** A consumer whose acknowledge() goes through `ack` first (return undefined to pass through). */
export function interceptAcks(
  consumer: ShareConsumer,
  ack: (ref: RecordRef, type: AckType) => Promise<AckReceipt> | undefined,
): ShareConsumer {
  return {
    get memberId() {
      return consumer.memberId;
    },
    poll: (max, options) => consumer.poll(max, options),
    acknowledge: (ref, type) => ack(ref, type) ?? consumer.acknowledge(ref, type),
    close: () => consumer.close(),
  };
}

export function invalidRecordState(): Error {
  return brokerError(errorCodeOf('INVALID_RECORD_STATE') ?? 121, 'injected by the test');
}
