import type { OutgoingRecord } from './engine.js';

/**
 * Key, value and header bytes of a record as the broker receives them (UTF-8 for strings), without the record
 * batch's framing: what producers count against Kafka's max.message.bytes.
 */
export function recordBytes(record: OutgoingRecord): number {
  let bytes = byteLength(record.key) + byteLength(record.value);
  if (record.headers)
    for (const name in record.headers) bytes += Buffer.byteLength(name) + byteLength(record.headers[name]);
  return bytes;
}

function byteLength(value: Buffer | string | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'string' ? Buffer.byteLength(value) : value.length;
}
