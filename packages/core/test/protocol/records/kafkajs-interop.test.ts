import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { decodeRecordBatches } from '../../../src/protocol/records/decode.js';

// kafkajs's own RecordBatch encoder (CommonJS internals), as a second implementation to check against.
const require = createRequire(import.meta.url);
interface KafkajsEncoder {
  buffer: Buffer;
}
type KafkajsRecord = (r: {
  offsetDelta: number;
  timestampDelta: number;
  key: Buffer | null;
  value: Buffer | null;
  headers?: Record<string, Buffer>;
}) => KafkajsEncoder;
const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0/index.js') as {
  RecordBatch: (args: Record<string, unknown>) => Promise<KafkajsEncoder>;
};
const Record = require('kafkajs/src/protocol/recordBatch/record/v0/index.js') as KafkajsRecord;
const Long = require('kafkajs/src/utils/long.js') as { fromNumber(n: number): unknown };

describe('RecordBatch bytes produced by kafkajs', () => {
  for (const [name, compression] of [
    ['none', 0],
    ['gzip', 1],
  ] as const) {
    it(`decodes a kafkajs batch (${name})`, async () => {
      const t0 = 1_764_000_000_123;
      const records = Array.from({ length: 20 }, (_, i) =>
        Record({
          offsetDelta: i,
          timestampDelta: i * 3,
          key: i === 0 ? null : Buffer.from(`k${i}`),
          value: Buffer.from(`v${i}`.repeat(i + 1)),
          headers: { 'x-attempt': Buffer.from(String(i)) },
        }),
      );
      const enc = await RecordBatch({
        compression,
        firstOffset: Long.fromNumber(5000),
        firstTimestamp: t0,
        maxTimestamp: t0 + 57,
        partitionLeaderEpoch: 2,
        lastOffsetDelta: 19,
        producerId: Long.fromNumber(77),
        records,
      });
      const [batch, ...rest] = decodeRecordBatches(enc.buffer);
      expect(rest).toHaveLength(0);
      expect(batch).toMatchObject({ baseOffset: 5000, compression, partitionLeaderEpoch: 2, producerId: 77 });
      expect(batch?.records).toHaveLength(20);
      batch?.records.forEach((r, i) => {
        expect(r.offset).toBe(5000 + i);
        expect(r.timestamp).toBe(t0 + i * 3);
        expect(r.key).toEqual(i === 0 ? null : Buffer.from(`k${i}`));
        expect(r.value).toEqual(Buffer.from(`v${i}`.repeat(i + 1)));
        expect(r.headers).toEqual([{ key: 'x-attempt', value: Buffer.from(String(i)) }]);
      });
    });
  }
});
