import * as core from '@sharq/core';
import { ConnectionError, type Engine } from '@sharq/core';

/**
 * How a worker reaches its engine. WORKAROUND: core's engine/connection.ts (acquireEngine, Connection,
 * EngineLease) is not exported from '@sharq/core' yet, and the name `Connection` is taken there by the
 * client's TCP Connection class. Until core exports acquireEngine, an Engine instance is used as is;
 * once it does, every connection kind goes through core's refcounted acquireEngine (found at runtime,
 * so this file keeps working unchanged when core catches up).
 */
export type WorkerConnection = { brokers: string[]; [option: string]: unknown } | { embedded: true } | Engine;

export interface EngineLease {
  engine: Engine;
  release(): Promise<void>;
}

type AcquireEngine = (connection: WorkerConnection) => EngineLease;

export function isEngine(value: unknown): value is Engine {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Engine>;
  return typeof candidate.produce === 'function' && typeof candidate.createShareConsumer === 'function';
}

export function leaseEngine(connection: WorkerConnection): EngineLease {
  const acquire = (core as unknown as { acquireEngine?: AcquireEngine }).acquireEngine;
  if (typeof acquire === 'function') return acquire(connection);
  if (isEngine(connection)) return { engine: connection, release: async () => {} };
  throw new ConnectionError(
    'this @sharq/core build does not export acquireEngine yet: pass an Engine instance as connection',
  );
}
