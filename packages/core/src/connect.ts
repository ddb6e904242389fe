/**
 * The composition root: the one place that builds engines. The job layer knows only the contract
 * (engine/engine.ts, engine/connection.ts); this module, loaded by the package's index, provides it
 * the way a Connection becomes an engine:
 *
 *   { brokers: [...], ssl?, sasl?, ... }   Kafka (KafkaConnectionOptions). Queues and workers in one
 *                                          process with equal options share one KafkaEngine
 *                                          (refcounted: closed when the last user releases it).
 *   { embedded: true }                     the process-wide EmbeddedEngine singleton. It is never
 *                                          closed by release(): closing a queue must not drop the jobs
 *                                          a worker created later in the same process would run.
 *                                          closeEmbeddedEngine() ends it (tests, explicit shutdown).
 *   an Engine instance                     used as is; the caller owns it (release() does nothing).
 */
import { EmbeddedEngine } from './embedded/engine.js';
import { type Connection, type EngineLease, isEngine, provideEngines } from './engine/connection.js';
import { ValidationError } from './errors.js';
import { KafkaEngine } from './kafka/engine.js';
import type { KafkaConnectionOptions } from './kafka/options.js';

interface SharedEngine {
  engine: KafkaEngine;
  refs: number;
  key: string | object;
}

let embedded: EmbeddedEngine | undefined;
const byKey = new Map<string, SharedEngine>();
const byObject = new WeakMap<object, SharedEngine>();

export function connectEngine(connection: Connection): EngineLease {
  if (typeof connection !== 'object' || connection === null) {
    const message = 'connection: must be Kafka options ({ brokers }), { embedded: true } or an Engine';
    throw new ValidationError(message, [{ path: 'connection', message }]);
  }
  if (isEngine(connection)) return { engine: connection, release: async () => {} };
  if ('embedded' in connection) {
    if (connection.embedded !== true) {
      const message = 'connection.embedded: must be true';
      throw new ValidationError(message, [{ path: 'connection.embedded', message }]);
    }
    embedded ??= new EmbeddedEngine();
    return { engine: embedded, release: async () => {} };
  }
  return leaseKafka(connection);
}

/** Closes the process-wide embedded engine; the next { embedded: true } gets a fresh, empty one. */
export async function closeEmbeddedEngine(): Promise<void> {
  const engine = embedded;
  embedded = undefined;
  await engine?.close();
}

function leaseKafka(options: KafkaConnectionOptions): EngineLease {
  const key = shareKey(options);
  let shared = typeof key === 'string' ? byKey.get(key) : byObject.get(key);
  if (!shared) {
    shared = { engine: new KafkaEngine(options), refs: 0, key };
    if (typeof key === 'string') byKey.set(key, shared);
    else byObject.set(key, shared);
  }
  shared.refs++;
  const entry = shared;
  let released = false;
  return {
    engine: entry.engine,
    release: async () => {
      if (released) return;
      released = true;
      entry.refs--;
      if (entry.refs > 0) return;
      if (typeof entry.key === 'string') byKey.delete(entry.key);
      else byObject.delete(entry.key);
      await entry.engine.close();
    },
  };
}

/**
 * Options made of plain values share an engine by value; options carrying objects we cannot
 * compare (a TLS context, a logger) share only by identity.
 */
function shareKey(options: KafkaConnectionOptions): string | object {
  if (options.logger !== undefined || (typeof options.ssl === 'object' && options.ssl !== null))
    return options;
  return JSON.stringify([
    options.brokers,
    options.clientId ?? null,
    options.ssl ?? false,
    options.sasl ?? null,
    options.requestTimeoutMs ?? null,
    options.connectTimeoutMs ?? null,
  ]);
}

provideEngines(connectEngine);
