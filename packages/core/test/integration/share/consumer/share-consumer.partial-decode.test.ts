/**
 * Selective decoding on real broker bytes: one producer batch of 1,000 records is fetched in small
 * slices (record_limit: the broker sends the whole batch with every slice, and the consumer decodes only
 * the acquired offsets, the batch's CRC once), and whole (batch_optimized). Every record arrives once,
 * with its own value, as a view of the fetched bytes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type ShareFixture, pollUntil, shareFixture, text } from './helpers.js';

const RECORDS = 1_000;

/**
 * A value that is a view of the fetched record bytes sits between its own length varint (zigzag, one byte
 * for these short values) and the record's header count (0); a copy sits in a pool between other copies.
 */
function isViewOfRecordBytes(value: Buffer): boolean {
  const memory = new Uint8Array(value.buffer);
  return (
    value.byteOffset > 0 &&
    memory[value.byteOffset - 1] === value.length * 2 &&
    memory[value.byteOffset + value.length] === 0
  );
}

describe('share consumer: only acquired records are decoded, from one large batch', () => {
  let fx: ShareFixture | undefined;
  afterEach(async () => {
    await fx?.close();
    fx = undefined;
  });

  for (const acquireMode of ['record_limit', 'batch_optimized'] as const) {
    it(`${acquireMode}: slices of one batch deliver each record once with its own value`, async () => {
      fx = await shareFixture({ prefix: `partial-${acquireMode}`, group: { lockDurationMs: 15_000 } });
      // One send on a fresh 1-partition topic: one record batch, offsets 0..999, value m<offset>.
      await fx.produce(Array.from({ length: RECORDS }, (_, i) => `m${i}`));
      const consumer = fx.consumer({ acquireMode });
      const offsets = new Set<number>();
      const acks: Promise<unknown>[] = [];
      let wrongValues = 0;
      let views = 0;
      const seen = await pollUntil(
        consumer,
        RECORDS,
        30_000,
        (r) => {
          if (text(r) !== `m${r.offset}`) wrongValues++;
          if (r.value && isViewOfRecordBytes(r.value)) views++;
          offsets.add(r.offset);
          acks.push(consumer.acknowledge(r, 'accept'));
        },
        37,
      );
      await Promise.all(acks);
      expect(seen).toBe(RECORDS);
      expect(offsets.size).toBe(RECORDS);
      expect(wrongValues).toBe(0);
      expect(views).toBe(RECORDS);
      await consumer.close();
    }, 60_000);
  }
});
