/**
 * Connection: how a Queue, Worker or QueueEvents reaches its engine (the contract side).
 *
 *   { brokers: [...], ssl?, sasl?, ... }   Kafka (KafkaConnectionOptions)
 *   { embedded: true }                     the process-wide embedded engine
 *   an Engine instance                     used as is; the caller owns it
 *
 * Which engine a Connection becomes is decided by the composition root, src/connect.ts, which registers
 * itself here when the package is loaded; the job layer calls acquireEngine and so never loads kafkajs or
 * the embedded engine itself.
 */
import { SharqError } from '../errors.js';
import type { KafkaConnectionOptions } from '../kafka/options.js';
import type { Engine } from './engine.js';

export type Connection = KafkaConnectionOptions | { embedded: true } | Engine;

export interface EngineLease {
  engine: Engine;
  /** Give the engine back; the last release of a shared Kafka engine closes it. Idempotent. */
  release(): Promise<void>;
}

export type EngineProvider = (connection: Connection) => EngineLease;

let provider: EngineProvider | undefined;

/** Called once by the composition root (src/connect.ts). */
export function provideEngines(connect: EngineProvider): void {
  provider = connect;
}

export function isEngine(value: unknown): value is Engine {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Engine>;
  return typeof candidate.produce === 'function' && typeof candidate.createShareConsumer === 'function';
}

/** The engine for `connection`, as the composition root builds it. */
export function acquireEngine(connection: Connection): EngineLease {
  if (isEngine(connection)) return { engine: connection, release: async () => {} };
  if (!provider) {
    throw new SharqError(
      'ENGINE',
      'no engine provider: import @sharq/core (its index loads the composition root, src/connect.ts)',
    );
  }
  return provider(connection);
}
