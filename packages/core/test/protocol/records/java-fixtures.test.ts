import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Compression } from '../../../src/protocol/records/compression.js';
import { decodeRecordBatches } from '../../../src/protocol/records/decode.js';

// Batches produced by the Java client (see fixtures/README.md): the formats we must read in production.
const fixture = (codec: string) => readFileSync(new URL(`./fixtures/java-${codec}.bin`, import.meta.url));
const longValue = Array.from({ length: 300 }, (_, i) => `row ${i % 40} of the long value; `).join('');

describe('RecordBatch bytes produced by the Java client', () => {
  for (const [name, codec] of Object.entries(Compression)) {
    if (codec === Compression.none) continue;
    it(`decodes a ${name} batch`, () => {
      const [batch, ...rest] = decodeRecordBatches(fixture(name));
      expect(rest).toHaveLength(0);
      expect(batch).toMatchObject({
        baseOffset: 0,
        compression: codec,
        isControl: false,
        lastOffsetDelta: 3,
      });
      const records = batch?.records ?? [];
      expect(records.map((r) => [r.offset, r.key?.toString(), r.value?.toString()])).toEqual([
        [0, 'key-0', 'first value é'],
        [1, 'key-1', 'second value second value second value'],
        [2, 'key-2', 'third'],
        [3, 'key-3', longValue],
      ]);
      expect(records.map((r) => r.headers.map((h) => `${h.key}=${h.value?.toString()}`))).toEqual([
        ['attempt=1', 'trace=ab'],
        ['attempt=2'],
        ['attempt=3'],
        ['attempt=4'],
      ]);
      expect(records[0]?.timestamp).toBe(batch?.baseTimestamp);
      expect(records.every((r) => r.timestamp >= 1_764_000_000_000)).toBe(true);
    });
  }
});
