import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../src/errors.js';
import {
  Compression,
  compressRecords,
  decompressRecords,
} from '../../../src/protocol/records/compression.js';
import { crc32c } from '../../../src/protocol/records/crc32c.js';
import { decodeRecordBatches, decodeRecords } from '../../../src/protocol/records/decode.js';
import { encodeRecordBatch } from '../../../src/protocol/records/encode.js';
import type { RecordBatchInput } from '../../../src/protocol/records/types.js';
import { Writer } from '../../../src/protocol/writer.js';

const T0 = 1_764_000_000_000;

function sample(baseOffset: number, n: number, compression: number = Compression.none): RecordBatchInput {
  return {
    baseOffset,
    compression,
    partitionLeaderEpoch: 3,
    producerId: 4242,
    producerEpoch: 1,
    baseSequence: 10,
    records: Array.from({ length: n }, (_, i) => ({
      key: i % 3 === 0 ? null : Buffer.from(`key-${i}`),
      value: i % 5 === 4 ? null : Buffer.from(`value-${i}-`.repeat(1 + (i % 7))),
      timestamp: T0 + i * 10,
      headers:
        i % 2 === 0
          ? []
          : [
              { key: 'h1', value: Buffer.from([i & 0xff]) },
              { key: 'ünï', value: null },
            ],
    })),
  };
}

function encode(...batches: RecordBatchInput[]): Buffer {
  const w = new Writer();
  for (const b of batches) encodeRecordBatch(b, w);
  return Buffer.from(w.toBuffer());
}

describe('RecordBatch v2', () => {
  for (const [name, codec] of Object.entries(Compression)) {
    if (codec === Compression.zstd) continue;
    it(`round-trips records with ${name} compression`, () => {
      const input = sample(100, 50, codec);
      const [batch, ...rest] = decodeRecordBatches(encode(input));
      expect(rest).toHaveLength(0);
      expect(batch).toMatchObject({
        baseOffset: 100,
        partitionLeaderEpoch: 3,
        compression: codec,
        isControl: false,
        isTransactional: false,
        lastOffsetDelta: 49,
        baseTimestamp: T0,
        maxTimestamp: T0 + 490,
        producerId: 4242,
        producerEpoch: 1,
        baseSequence: 10,
      });
      expect(batch?.records.map((r) => ({ ...r }))).toEqual(
        input.records.map((r, i) => ({
          offset: 100 + i,
          timestamp: r.timestamp,
          key: r.key,
          value: r.value,
          headers: r.headers,
        })),
      );
    });
  }

  it('decodes zstd batches (decode only)', () => {
    const input = {
      baseOffset: 0,
      records: Array.from({ length: 40 }, (_, i) => ({
        key: Buffer.from(`k${i}`),
        value: Buffer.from(`zstd value ${i} `.repeat(5)),
        timestamp: T0 + i,
        headers: [{ key: 'n', value: Buffer.from(String(i)) }],
      })),
    };
    // The records section of `input`, compressed by the zstd 1.5 CLI (`zstd -19`): we have no zstd encoder.
    const zstdBody = Buffer.from(
      'KLUv/WRSDB0MAIaQNiFgWQcwCh7Mxt+5Iavg7/09/lLKJFNKIQBAU1JKSm1LPnQuAC0AKgBJILTWYg4G7h5TIOjumBjGzDEzdzfmdelFuq5MM9FpBEJlIVMpFVBpTAAAEGAFrbVGw90ZjO5eLJhZodhsN5HQzUxXuhFDIACBFoQw5uHw3otpMDjnYhYK/x8Dzzn3///urTVmd1ftbgqFmSeT3ZVIlJWVIxaJQAghkPfe4+Gcczj+P8sCsBPCz+e95/E45zqd/+dwWmubjbtrNN2dyTAzBrO7l4u2tnbELBYIYaXy3nsBgNyoYXGqQBt7BtBVhjXyC7DCg2D8/2MfaZNQkelcgdYjBZhuNGI6K6D1pADWDY1Mxwo0PSkADjWOrGgsgIwpHLubjMpnKTi7Z8TppADWjYpMpwq0HikACzWOXGgsgIwpDrtbiso3KbidZ+TopADWjYZMZwW01tscDGnyTCaNzSi1yk3PdK5TxqY72V5Vyth0J9urShmb7mR7VSlj050UaZLzB5K7ClqlNy4=',
      'base64',
    );
    const plain = encode(input);
    const header = Buffer.from(plain.subarray(0, 61));
    header.writeInt16BE(Compression.zstd, 21);
    const batch = Buffer.concat([header, zstdBody]);
    batch.writeInt32BE(batch.length - 12, 8);
    batch.writeUInt32BE(crc32c(batch, 21), 17);
    expect(decompressRecords(Compression.zstd, zstdBody)).toEqual(plain.subarray(61));
    const decoded = decodeRecordBatches(batch);
    expect(decoded[0]?.compression).toBe(Compression.zstd);
    expect(decoded.flatMap((b) => b.records)).toEqual(decodeRecords(plain));
    expect(() => compressRecords(Compression.zstd, plain)).toThrow(/cannot encode/);
  });

  it('returns key and value as views into the fetched bytes when uncompressed', () => {
    const data = encode(sample(0, 3));
    const [rec] = decodeRecords(data).slice(1);
    expect(rec?.key?.buffer).toBe(data.buffer);
  });

  it('writes string keys, values and header values as the same bytes as their UTF-8 Buffers', () => {
    const fromBuffers = sample(0, 40);
    const fromStrings: RecordBatchInput = {
      ...fromBuffers,
      records: fromBuffers.records.map((r) => ({
        ...r,
        key: r.key ? r.key.toString() : null,
        value: r.value ? `${r.value.toString()}ü€😀` : null,
        headers: r.headers?.map((h) => ({ key: h.key, value: h.value ? 'ẞ'.repeat(100) : null })),
      })),
    };
    const asBuffers: RecordBatchInput = {
      ...fromStrings,
      records: fromStrings.records.map((r) => ({
        ...r,
        key: typeof r.key === 'string' ? Buffer.from(r.key) : null,
        value: typeof r.value === 'string' ? Buffer.from(r.value) : null,
        headers: r.headers?.map((h) => ({
          key: h.key,
          value: typeof h.value === 'string' ? Buffer.from(h.value) : null,
        })),
      })),
    };
    const bytes = encode(fromStrings);
    expect(bytes).toEqual(encode(asBuffers));
    const decoded = decodeRecords(bytes);
    expect(decoded.map((r) => r.value?.toString() ?? null)).toEqual(fromStrings.records.map((r) => r.value));
    expect(decoded.map((r) => r.headers.map((h) => h.value?.toString() ?? null))).toEqual(
      fromStrings.records.map((r) => (r.headers ?? []).map((h) => h.value)),
    );
  });

  it('writes timestamp deltas beyond 30 bits (varlong) and decodes them back', () => {
    const data = encode({
      baseOffset: 0,
      records: [
        { value: Buffer.from('a'), timestamp: T0 },
        { value: Buffer.from('b'), timestamp: T0 + 2 ** 40 },
      ],
    });
    expect(decodeRecords(data).map((r) => r.timestamp)).toEqual([T0, T0 + 2 ** 40]);
  });
  it('decodes concatenated batches and ignores a partial trailing batch', () => {
    const full = encode(sample(0, 5), sample(5, 5, Compression.gzip), sample(10, 5));
    expect(decodeRecords(full).map((r) => r.offset)).toEqual(Array.from({ length: 15 }, (_, i) => i));
    const firstTwo = encode(sample(0, 5), sample(5, 5, Compression.gzip)).length;
    for (const cut of [firstTwo + 1, firstTwo + 11, firstTwo + 12, full.length - 1]) {
      expect(decodeRecords(full.subarray(0, cut)).map((r) => r.offset)).toHaveLength(10);
    }
    expect(decodeRecords(Buffer.alloc(0))).toEqual([]);
  });

  it('skips control batches but reports them as batches', () => {
    const data = encode(
      sample(0, 2),
      {
        baseOffset: 2,
        isControl: true,
        isTransactional: true,
        records: [{ key: Buffer.from([0, 0, 0, 1]), value: Buffer.from([0, 0, 0, 0, 0, 0]) }],
      },
      sample(3, 2),
    );
    const batches = decodeRecordBatches(data);
    expect(batches.map((b) => [b.isControl, b.records.length])).toEqual([
      [false, 2],
      [true, 0],
      [false, 2],
    ]);
    expect(decodeRecords(data).map((r) => r.offset)).toEqual([0, 1, 3, 4]);
  });

  it('uses the batch max timestamp under LogAppendTime', () => {
    const input = { ...sample(0, 3), timestampType: 1 as const, maxTimestamp: T0 + 99_999 };
    expect(decodeRecords(encode(input)).map((r) => r.timestamp)).toEqual([
      T0 + 99_999,
      T0 + 99_999,
      T0 + 99_999,
    ]);
  });

  it('keeps offset gaps from compaction', () => {
    const data = encode({
      baseOffset: 1000,
      records: [
        { value: Buffer.from('a'), offsetDelta: 0, timestamp: T0 },
        { value: Buffer.from('b'), offsetDelta: 7, timestamp: T0 },
      ],
    });
    const [batch] = decodeRecordBatches(data);
    expect(batch?.lastOffsetDelta).toBe(7);
    expect(batch?.records.map((r) => r.offset)).toEqual([1000, 1007]);
  });

  it('rejects a corrupted batch by CRC', () => {
    const data = encode(sample(0, 4));
    data.writeUInt8(data.readUInt8(data.length - 3) ^ 0x40, data.length - 3);
    expect(() => decodeRecords(data)).toThrow(DecodeError);
    expect(() => decodeRecords(data)).toThrow(/CRC/);
    // The option exists for callers that trust the source; then the (valid) structure still decodes.
    const tampered = encode(sample(0, 4));
    tampered.writeUInt32BE(0, 17);
    expect(decodeRecords(tampered, { verifyCrc: false })).toHaveLength(4);
  });

  it('rejects wrong magic and impossible lengths', () => {
    const data = encode(sample(0, 1));
    const badMagic = Buffer.from(data);
    badMagic[16] = 1;
    expect(() => decodeRecords(badMagic)).toThrow(/magic/);
    const badLen = Buffer.from(data);
    badLen.writeInt32BE(10, 8);
    expect(() => decodeRecords(badLen)).toThrow(DecodeError);
  });

  it('caps decompressed size', () => {
    const data = encode(sample(0, 50, Compression.gzip));
    expect(() => decodeRecords(data, { maxDecompressedBytes: 100 })).toThrow(DecodeError);
    const lz4 = encode(sample(0, 50, Compression.lz4));
    expect(() => decodeRecords(lz4, { maxDecompressedBytes: 100 })).toThrow(DecodeError);
  });

  it('reads raw snappy as well as xerial-framed snappy', () => {
    const plain = Buffer.from('snappy snappy snappy snappy payload');
    const xerial = compressRecords(Compression.snappy, plain);
    expect(xerial.subarray(0, 8)).toEqual(Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0]));
    expect(decompressRecords(Compression.snappy, xerial)).toEqual(plain);
    const raw = xerial.subarray(20); // header (16) + one chunk length (4)
    expect(decompressRecords(Compression.snappy, raw)).toEqual(plain);
    const big = Buffer.alloc(100_000, 'abcdefgh');
    expect(decompressRecords(Compression.snappy, compressRecords(Compression.snappy, big))).toEqual(big);
  });

  it('turns codec failures into DecodeError', () => {
    const junk = Buffer.from('definitely not compressed');
    for (const codec of [Compression.gzip, Compression.snappy, Compression.lz4, Compression.zstd, 7]) {
      expect(() => decompressRecords(codec, junk)).toThrow(DecodeError);
    }
  });
});
