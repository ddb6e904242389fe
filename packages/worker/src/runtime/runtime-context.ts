import type {
  DeadLetterWriter,
  Engine,
  EventPublisher,
  JobEvent,
  QueueTopology,
  ShareConsumer,
} from '@sharq/core';
import type { ResolvedWorkerOptions } from './options.js';
import type { WorkerEvents } from './worker-events.js';

export type Emit<Events> = <K extends keyof Events & string>(
  event: K,
  ...args: Events[K] extends unknown[] ? Events[K] : never
) => boolean;

/** Everything a running worker's parts share; built once the engine is connected and the queue provisioned. */
export interface RuntimeContext<Data, Result> {
  readonly topology: QueueTopology;
  readonly options: ResolvedWorkerOptions;
  readonly engine: Engine;
  readonly consumer: ShareConsumer;
  readonly deadLetters: DeadLetterWriter;
  readonly publisher: EventPublisher;
  readonly emit: Emit<WorkerEvents<Data, Result>>;
  /** Publishes a job event with this worker's id and the current time filled in. */
  readonly publish: (event: DistributiveOmit<JobEvent, 'ts' | 'workerId'>) => void;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type JobEventInput = DistributiveOmit<JobEvent, 'ts' | 'workerId'>;
