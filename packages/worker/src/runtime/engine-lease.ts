import { type Connection, type EngineLease, acquireEngine } from '@sharq/core';

/** How a worker reaches its engine: core's refcounted lease (shared Kafka engine, embedded singleton or an Engine as is). */
export type WorkerConnection = Connection;
export type { EngineLease };

export function leaseEngine(connection: WorkerConnection): EngineLease {
  return acquireEngine(connection);
}
