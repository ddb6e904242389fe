import { describe, expect, it } from 'vitest';
import { encodeRecordBatch } from '../../../src/protocol/records/index.js';
import { Writer } from '../../../src/protocol/writer.js';
import { decodeAcquiredRecords } from '../../../src/share/consumer/records.js';

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

const offsetsOf = (buf: Buffer, from: number, to: number) =>
  [...decodeAcquiredRecords(buf, from, to)].map((r) => r.offset);

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
