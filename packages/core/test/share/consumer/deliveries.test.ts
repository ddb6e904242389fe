import { describe, expect, it } from 'vitest';
import type { DeliveredRecord } from '../../../src/engine/engine.js';
import { collectDeliveries, type RecordDecoder } from '../../../src/share/consumer/deliveries.js';

/** A decoder over a plain list of offsets (value = the offset as text). */
const decoderOf = (offsets: number[]): RecordDecoder =>
  function* (_buf, from, to) {
    for (const offset of offsets) {
      if (offset >= from && offset <= to) {
        yield { offset, timestamp: 0, key: null, value: Buffer.from(String(offset)), headers: {} };
      }
    }
  };

const blob = Buffer.from('x');

describe('collectDeliveries', () => {
  it('delivers only offsets inside AcquiredRecords, with their delivery count and the lock deadline', () => {
    const out: DeliveredRecord[] = [];
    const gaps = collectDeliveries(
      't',
      0,
      blob,
      [
        { firstOffset: 2, lastOffset: 3, deliveryCount: 1 },
        { firstOffset: 6, lastOffset: 6, deliveryCount: 3 },
      ],
      1234,
      decoderOf([0, 1, 2, 3, 4, 5, 6, 7]),
      out,
    );
    expect(out.map((r) => [r.offset, r.deliveryCount, r.lockExpiresAt])).toEqual([
      [2, 1, 1234],
      [3, 1, 1234],
      [6, 3, 1234],
    ]);
    expect(gaps).toEqual([]);
  });

  it('returns acquired offsets without a deliverable record as GAP ranges', () => {
    const out: DeliveredRecord[] = [];
    const gaps = collectDeliveries(
      't',
      0,
      blob,
      [{ firstOffset: 10, lastOffset: 19, deliveryCount: 1 }],
      0,
      decoderOf([12, 13, 17]),
      out,
    );
    expect(out.map((r) => r.offset)).toEqual([12, 13, 17]);
    expect(gaps).toEqual([
      { firstOffset: 10, lastOffset: 11 },
      { firstOffset: 14, lastOffset: 16 },
      { firstOffset: 18, lastOffset: 19 },
    ]);
  });

  it('treats a whole acquired range as a gap when the records are missing', () => {
    const out: DeliveredRecord[] = [];
    const gaps = collectDeliveries(
      't',
      0,
      null,
      [
        { firstOffset: 1, lastOffset: 2, deliveryCount: 1 },
        { firstOffset: 5, lastOffset: 5, deliveryCount: 1 },
      ],
      0,
      decoderOf([]),
      out,
    );
    expect(out).toEqual([]);
    expect(gaps).toEqual([
      { firstOffset: 1, lastOffset: 2 },
      { firstOffset: 5, lastOffset: 5 },
    ]);
  });
  it('hands the decoder the acquired ranges in offset order, so it can skip what is not ours', () => {
    const seen: unknown[] = [];
    const decode: RecordDecoder = (buf, from, to, acquired) => {
      seen.push([from, to, acquired?.map((r) => [r.firstOffset, r.lastOffset])]);
      return decoderOf([3, 4, 8])(buf, from, to, acquired);
    };
    const out: DeliveredRecord[] = [];
    collectDeliveries(
      't',
      0,
      blob,
      [
        { firstOffset: 8, lastOffset: 9, deliveryCount: 1 },
        { firstOffset: 3, lastOffset: 4, deliveryCount: 1 },
      ],
      0,
      decode,
      out,
    );
    expect(seen).toEqual([
      [
        3,
        9,
        [
          [3, 4],
          [8, 9],
        ],
      ],
    ]);
    expect(out.map((r) => r.offset)).toEqual([3, 4, 8]);
  });
});
