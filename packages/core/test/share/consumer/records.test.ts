import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../src/errors.js';
import {
  decodeRecords,
  encodeRecordBatch,
  type RecordBatchInput,
} from '../../../src/protocol/records/index.js';
import { Writer } from '../../../src/protocol/writer.js';
import { decodeAcquiredRecords, VerifiedBatches } from '../../../src/share/consumer/records.js';
import type { AcquiredRecords } from '../../../src/share/consumer/wire.js';

function batches(
  ...specs: { baseOffset: number; values: string[]; isControl?: boolean; compression?: number }[]
) {
  const w = new Writer(1024);
  for (const spec of specs) {
    encodeRecordBatch(
      {
        baseOffset: spec.baseOffset,
        isControl: spec.isControl,
        compression: spec.compression,
        records: spec.values.map((v) => ({
          value: Buffer.from(v),
          headers: [{ key: 'h', value: Buffer.from(v) }],
        })),
      },
      w,
    );
  }
  return w.toBuffer();
}

function encode(...inputs: RecordBatchInput[]): Buffer {
  const w = new Writer(1024);
  for (const input of inputs) encodeRecordBatch(input, w);
  return w.toBuffer();
}

/** `count` records from `baseOffset`, value `v<offset>`, key `k<offset>`, one header `n` = `h<offset>`. */
function numbered(baseOffset: number, count: number, compression = 0): RecordBatchInput {
  return {
    baseOffset,
    compression,
    records: Array.from({ length: count }, (_, i) => ({
      key: Buffer.from(`k${baseOffset + i}`),
      value: Buffer.from(`v${baseOffset + i}`),
      headers: [{ key: 'n', value: Buffer.from(`h${baseOffset + i}`) }],
      timestamp: 1_700_000_000_000 + i,
    })),
  };
}

const range = (firstOffset: number, lastOffset: number): AcquiredRecords => ({
  firstOffset,
  lastOffset,
  deliveryCount: 1,
});

const offsetsOf = (buf: Buffer, from: number, to: number) =>
  [...decodeAcquiredRecords(buf, from, to)].map((r) => r.offset);

/** Where record `index` of the (uncompressed) batch starting at `batchStart` begins. */
function recordStart(buf: Buffer, batchStart: number, index: number): number {
  let at = batchStart + 61;
  for (let i = 0; i < index; i++) {
    const [length, size] = readVarint(buf, at);
    at += size + length;
  }
  return at;
}

function readVarint(buf: Buffer, at: number): [number, number] {
  let u = 0;
  let shift = 0;
  let size = 0;
  for (;;) {
    const b = buf[at + size] as number;
    size++;
    u |= (b & 0x7f) << shift;
    shift += 7;
    if (b < 0x80) break;
  }
  return [(u >>> 1) ^ -(u & 1), size];
}

describe('decodeAcquiredRecords', () => {
  it('yields only records within [from, to], with values and headers', () => {
    const buf = batches({ baseOffset: 0, values: ['a', 'b', 'c'] }, { baseOffset: 3, values: ['d', 'e'] });
    const records = [...decodeAcquiredRecords(buf, 1, 3)];
    expect(records.map((r) => [r.offset, r.value?.toString(), r.headers.h?.toString()])).toEqual([
      [1, 'b', 'b'],
      [2, 'c', 'c'],
      [3, 'd', 'd'],
    ]);
  });

  it('skips batches outside the range without decoding them (a corrupt one there is never read)', () => {
    const buf = batches({ baseOffset: 0, values: ['a', 'b'] }, { baseOffset: 2, values: ['c'] });
    buf[buf.length - 1] = (buf[buf.length - 1] as number) ^ 0xff; // breaks the CRC of the second batch
    expect(offsetsOf(buf, 0, 1)).toEqual([0, 1]);
  });

  it('yields nothing for control batches and stops at a truncated trailing batch', () => {
    const buf = batches(
      { baseOffset: 0, values: ['marker'], isControl: true },
      { baseOffset: 1, values: ['x', 'y'] },
    );
    expect(offsetsOf(buf, 0, 10)).toEqual([1, 2]);
    expect(offsetsOf(buf.subarray(0, buf.length - 5), 0, 10)).toEqual([]);
  });

  it('decodes compressed batches (gzip)', () => {
    const buf = batches({ baseOffset: 7, values: ['p', 'q'], compression: 1 });
    expect(offsetsOf(buf, 0, 100)).toEqual([7, 8]);
  });
});

describe('decodeAcquiredRecords with acquired ranges (partial decode)', () => {
  it('decodes only the acquired sub-ranges of a batch, with keys, values, headers and timestamps', () => {
    const buf = encode(numbered(100, 50));
    const acquired = [range(103, 105), range(120, 120), range(140, 149)];
    const records = decodeAcquiredRecords(buf, 103, 149, { acquired });
    const expected = [103, 104, 105, 120, ...Array.from({ length: 10 }, (_, i) => 140 + i)];
    expect(records.map((r) => r.offset)).toEqual(expected);
    expect(records.map((r) => r.value?.toString())).toEqual(expected.map((o) => `v${o}`));
    expect(records.map((r) => r.key?.toString())).toEqual(expected.map((o) => `k${o}`));
    expect(records.map((r) => r.headers.n?.toString())).toEqual(expected.map((o) => `h${o}`));
    expect(records.map((r) => r.timestamp)).toEqual(expected.map((o) => 1_700_000_000_000 + o - 100));
  });

  it('hands out keys, values and header values as views of the fetched bytes, not copies', () => {
    const buf = encode(numbered(0, 10));
    const [record] = decodeAcquiredRecords(buf, 4, 4, { acquired: [range(4, 4)] });
    const at = recordStart(buf, 0, 4);
    for (const field of [record?.key, record?.value, record?.headers.n]) {
      expect(field?.buffer).toBe(buf.buffer);
      const offset = (field?.byteOffset ?? 0) - buf.byteOffset;
      expect(offset).toBeGreaterThan(at);
      // Writing through the fetched bytes shows in the record: same memory.
      const before = field?.[0];
      buf[offset] = 0x21;
      expect(field?.[0]).toBe(0x21);
      buf[offset] = before as number;
    }
  });

  it('never decodes a record outside the acquired ranges (a garbled one there is stepped over)', () => {
    const buf = encode(numbered(0, 10));
    // Record 2 claims 50 headers: decoding it would throw. Its length prefix stays intact.
    const at = recordStart(buf, 0, 2);
    const [length, size] = readVarint(buf, at);
    const headerCountAt = at + size + length - 1 - 2 - 1 - 2; // before "n" (1+1 bytes) and "h2" (1+2 bytes)
    expect(readVarint(buf, headerCountAt)[0]).toBe(1);
    buf[headerCountAt] = 100; // zigzag 50
    const verified = new VerifiedBatches();
    // The stored CRC no longer matches; trust the batch as if verified before, to reach the records.
    verified.add(0, buf.readInt32BE(8), buf.readUInt32BE(17));
    const records = decodeAcquiredRecords(buf, 0, 9, { acquired: [range(0, 1), range(3, 9)], verified });
    expect(records.map((r) => r.offset)).toEqual([0, 1, 3, 4, 5, 6, 7, 8, 9]);
    expect(() => decodeAcquiredRecords(buf, 0, 9, { acquired: [range(2, 2)], verified })).toThrow(
      DecodeError,
    );
    // Without the verified memory the CRC catches the damage first.
    expect(() => decodeAcquiredRecords(buf, 0, 9, { acquired: [range(0, 1)] })).toThrow(/CRC/);
  });

  it('skips whole batches between acquired ranges and stops after the last one', () => {
    const buf = encode(numbered(0, 5), numbered(5, 5), numbered(10, 5), numbered(15, 5));
    // Batches 2 and 4 are corrupt but hold nothing we acquired: their CRC is never computed.
    const secondStart = buf.readInt32BE(8) + 12;
    buf[secondStart + 70] = (buf[secondStart + 70] as number) ^ 0xff;
    buf[buf.length - 1] = (buf[buf.length - 1] as number) ^ 0xff;
    const records = decodeAcquiredRecords(buf, 1, 12, { acquired: [range(1, 2), range(11, 12)] });
    expect(records.map((r) => r.offset)).toEqual([1, 2, 11, 12]);
  });

  it('decodes the acquired records of compressed batches', () => {
    for (const codec of [1, 2, 3]) {
      const buf = encode(numbered(0, 20, codec));
      const records = decodeAcquiredRecords(buf, 5, 17, { acquired: [range(5, 6), range(17, 17)] });
      expect(records.map((r) => r.value?.toString())).toEqual(['v5', 'v6', 'v17']);
    }
  });

  it('stamps LogAppendTime batches with the batch max timestamp', () => {
    const buf = encode({ ...numbered(0, 3), timestampType: 1, maxTimestamp: 1_800_000_000_000 });
    const records = decodeAcquiredRecords(buf, 0, 2, { acquired: [range(1, 2)] });
    expect(records.map((r) => r.timestamp)).toEqual([1_800_000_000_000, 1_800_000_000_000]);
  });

  it('skips offsets missing from the log (compaction gaps) and decodes what is there', () => {
    const buf = encode({
      baseOffset: 10,
      records: [0, 2, 3, 7].map((offsetDelta) => ({
        offsetDelta,
        value: Buffer.from(`v${10 + offsetDelta}`),
      })),
    });
    const records = decodeAcquiredRecords(buf, 11, 17, { acquired: [range(11, 13), range(16, 17)] });
    expect(records.map((r) => [r.offset, r.value?.toString()])).toEqual([
      [12, 'v12'],
      [13, 'v13'],
      [17, 'v17'],
    ]);
  });

  it('agrees with the full decoder on random acquired ranges', () => {
    const buf = encode(numbered(0, 40), numbered(40, 7), numbered(47, 60, 1), numbered(107, 13));
    const all = decodeRecords(buf);
    let seed = 7;
    const rand = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 200; round++) {
      const acquired: AcquiredRecords[] = [];
      let at = Math.floor(rand() * 30);
      while (at < 120 && acquired.length < 6) {
        const last = at + Math.floor(rand() * 25);
        acquired.push(range(at, last));
        at = last + 2 + Math.floor(rand() * 20);
      }
      if (acquired.length === 0) continue;
      const from = (acquired[0] as AcquiredRecords).firstOffset;
      const to = (acquired[acquired.length - 1] as AcquiredRecords).lastOffset;
      const inRanges = (o: number) => acquired.some((r) => o >= r.firstOffset && o <= r.lastOffset);
      const expected = all
        .filter((r) => inRanges(r.offset))
        .map((r) => [r.offset, r.timestamp, r.key?.toString(), r.value?.toString()]);
      const got = decodeAcquiredRecords(buf, from, to, { acquired, verified: new VerifiedBatches() });
      expect(got.map((r) => [r.offset, r.timestamp, r.key?.toString(), r.value?.toString()])).toEqual(
        expected,
      );
    }
  });
});

describe('VerifiedBatches (each batch CRC-checked once)', () => {
  it('trusts a batch sent again with the same base offset, length and CRC', () => {
    const buf = encode(numbered(0, 10));
    const verified = new VerifiedBatches();
    expect(decodeAcquiredRecords(buf, 0, 1, { acquired: [range(0, 1)], verified })).toHaveLength(2);
    // The same batch again, damaged in a value: no second CRC pass, so the damage goes unseen here.
    const again = Buffer.from(buf);
    const valueAt = recordStart(again, 0, 5) + 8; // length, attributes, deltas, "k5" with its length, value length
    again[valueAt] = 0x21;
    const [record] = decodeAcquiredRecords(again, 5, 5, { acquired: [range(5, 5)], verified });
    expect(record?.value?.toString()).toBe('!5');
    // A consumer without that memory checks it.
    expect(() => decodeAcquiredRecords(again, 5, 5, { acquired: [range(5, 5)] })).toThrow(/CRC/);
  });

  it('checks again when the batch at that base offset differs in length or stored CRC', () => {
    const verified = new VerifiedBatches();
    decodeAcquiredRecords(encode(numbered(0, 10)), 0, 9, { verified });
    const other = encode({ baseOffset: 0, records: [{ value: Buffer.from('another batch') }] });
    other[other.length - 1] = (other[other.length - 1] as number) ^ 0xff;
    expect(() => decodeAcquiredRecords(other, 0, 0, { verified })).toThrow(/CRC/);
  });

  it('forgets the oldest batches beyond its capacity', () => {
    const verified = new VerifiedBatches(2);
    verified.add(0, 100, 1);
    verified.add(10, 100, 2);
    verified.add(20, 100, 3);
    expect(verified.has(0, 100, 1)).toBe(false);
    expect(verified.has(10, 100, 2)).toBe(true);
    expect(verified.has(20, 100, 3)).toBe(true);
    expect(verified.has(20, 101, 3)).toBe(false);
  });
});
