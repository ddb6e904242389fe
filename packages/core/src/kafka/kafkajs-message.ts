import type { KafkaMessage } from 'kafkajs';
import type { Headers, StoredRecord } from '../engine/engine.js';

/** A kafkajs message → the engine's StoredRecord. */
export function fromKafkajsMessage(topic: string, partition: number, m: KafkaMessage): StoredRecord {
  const headers: Headers = {};
  for (const [k, v] of Object.entries(m.headers ?? {})) {
    if (v === undefined) continue;
    // Kafka allows repeated header keys; the engine contract keeps the last one.
    const last = Array.isArray(v) ? v[v.length - 1] : v;
    if (last !== undefined) headers[k] = Buffer.isBuffer(last) ? last : Buffer.from(last);
  }
  return {
    topic,
    partition,
    offset: Number(m.offset),
    key: m.key ?? null,
    value: m.value ?? null,
    headers,
    timestamp: Number(m.timestamp),
  };
}
