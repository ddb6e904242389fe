import type { Headers, StoredRecord } from '../engine/engine.js';
import type { KafkaRecord } from '../protocol/records/types.js';

/** Decoded wire record → the engine's StoredRecord. Repeated header keys: the last one wins. */
export function toStoredRecord(topic: string, partition: number, r: KafkaRecord): StoredRecord {
  const headers: Headers = {};
  for (const h of r.headers) headers[h.key] = h.value ?? Buffer.alloc(0);
  return { topic, partition, offset: r.offset, key: r.key, value: r.value, headers, timestamp: r.timestamp };
}
