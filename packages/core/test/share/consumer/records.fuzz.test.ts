/**
 * Hostile bytes into the selective share-fetch decoder: truncations and byte mutations of valid Records
 * blobs (plain and compressed), with and without acquired ranges and the verified-batch memory. Each
 * decode must return or throw DecodeError: never another error, never a hang.
 */
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../src/errors.js';
import { encodeRecordBatch } from '../../../src/protocol/records/index.js';
import { Writer } from '../../../src/protocol/writer.js';
import { decodeAcquiredRecords, VerifiedBatches } from '../../../src/share/consumer/records.js';
import { prng } from '../../fuzz-prng.js';

const FUZZ_TIMEOUT_MS = 120_000;

function blob(compression: number): Buffer {
  const w = new Writer(1024);
  for (const baseOffset of [0, 6, 12]) {
    encodeRecordBatch(
      {
        baseOffset,
        compression,
        records: Array.from({ length: 6 }, (_, i) => ({
          key: i % 2 === 0 ? Buffer.from(`k${i}`) : null,
          value: Buffer.from(`value-${baseOffset + i}`),
          headers: i % 3 === 0 ? [{ key: 'h', value: Buffer.from('x') }] : [],
        })),
      },
      w,
    );
  }
  return w.toBuffer();
}

function attempt(bytes: Buffer, decode: (b: Buffer) => unknown): void {
  try {
    decode(bytes);
  } catch (err) {
    if (err instanceof DecodeError) return;
    throw new Error(
      `threw ${(err as Error)?.constructor?.name}: ${(err as Error)?.message} on ${bytes.toString('hex')}`,
      {
        cause: err,
      },
    );
  }
}

describe('decodeAcquiredRecords under hostile input', () => {
  for (const compression of [0, 1, 2, 3]) {
    it(`codec ${compression}: only ever returns or throws DecodeError`, { timeout: FUZZ_TIMEOUT_MS }, () => {
      const rand = prng(932 + compression);
      const valid = blob(compression);
      const acquired = [
        { firstOffset: 1, lastOffset: 3, deliveryCount: 1 },
        { firstOffset: 8, lastOffset: 14, deliveryCount: 2 },
      ];
      const decoders = [
        (b: Buffer) => decodeAcquiredRecords(b, 0, 17),
        (b: Buffer) => decodeAcquiredRecords(b, 1, 14, { acquired }),
        (b: Buffer) => decodeAcquiredRecords(b, 1, 14, { acquired, verified: new VerifiedBatches() }),
      ];
      expect(decodeAcquiredRecords(valid, 0, 17)).toHaveLength(18);
      for (let cut = 0; cut < valid.length; cut++) {
        for (const decode of decoders) attempt(valid.subarray(0, cut), decode);
      }
      // Mutations with the CRC check out of the way too, to reach the record grammar.
      const trusting = new VerifiedBatches();
      for (let i = 0; i < 3000; i++) {
        const bytes = Buffer.from(valid);
        const n = 1 + Math.floor(rand() * 3);
        for (let k = 0; k < n; k++) bytes[Math.floor(rand() * bytes.length)] = Math.floor(rand() * 256);
        for (const decode of decoders) attempt(bytes, decode);
        let pos = 0;
        while (pos + 61 <= bytes.length) {
          const length = bytes.readInt32BE(pos + 8);
          if (length < 49) break;
          trusting.add(
            bytes.readInt32BE(pos) * 2 ** 32 + bytes.readUInt32BE(pos + 4),
            length,
            bytes.readUInt32BE(pos + 17),
          );
          pos += 12 + length;
        }
        attempt(bytes, (b) => decodeAcquiredRecords(b, 1, 14, { acquired, verified: trusting }));
      }
    });
  }
});
