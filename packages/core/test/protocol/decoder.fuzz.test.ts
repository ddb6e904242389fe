/**
 * Hostile bytes into every decoder: random input, input biased towards small numbers (so it gets past
 * the first length fields and deep into nested structures), truncations and byte mutations of valid
 * encodings. Each decode must return or throw DecodeError — never another error, never hang, never
 * allocate from a forged length (the Reader refuses counts larger than the bytes left).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../src/errors.js';
import { decodeResponseFrame } from '../../src/protocol/frame.js';
import { Reader } from '../../src/protocol/reader.js';
import { Compression } from '../../src/protocol/records/compression.js';
import { decodeRecordBatches } from '../../src/protocol/records/decode.js';
import { encodeRecordBatch } from '../../src/protocol/records/encode.js';
import { Writer } from '../../src/protocol/writer.js';
import { prng } from '../fuzz-prng.js';
import { ALL_FAMILIES as families } from './api-families.js';

// A hang guard, not a speed assertion: thousands of cases on a shared 2-core machine can take a while.
const FUZZ_TIMEOUT_MS = 120_000;

function randomBytes(rand: () => number, len: number, biased: boolean): Buffer {
  const b = Buffer.allocUnsafe(len);
  for (let i = 0; i < len; i++) {
    const x = rand();
    // Biased: mostly 0-3 (short lengths, small counts, present markers), sometimes anything.
    b[i] = biased && x < 0.8 ? Math.floor(rand() * 4) : Math.floor(rand() * 256);
  }
  return b;
}

function mutate(rand: () => number, bytes: Buffer): Buffer {
  const out = Buffer.from(bytes);
  const n = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < n && out.length > 0; i++) {
    const at = Math.floor(rand() * out.length);
    out[at] = rand() < 0.5 ? 0xff : Math.floor(rand() * 256);
  }
  return out;
}

/** Returns the decoded value, or undefined on DecodeError; anything else fails the test with context. */
function attempt<T>(what: string, bytes: Buffer, decode: (b: Buffer) => T): T | undefined {
  try {
    return decode(bytes);
  } catch (err) {
    if (err instanceof DecodeError) return undefined;
    throw new Error(
      `${what} threw ${(err as Error)?.constructor?.name}: ${(err as Error)?.message} on ${bytes.toString('hex')}`,
      {
        cause: err,
      },
    );
  }
}

describe('decoders under hostile input', () => {
  for (const family of families) {
    for (const codec of family.codecs) {
      it(`${family.name} v${codec.version}: request and response decoders only ever throw DecodeError`, {
        timeout: FUZZ_TIMEOUT_MS,
      }, () => {
        const rand = prng(family.apiKey * 1000 + codec.version);
        const valid: Buffer[] = [];
        for (let i = 0; i < 1500; i++) {
          const bytes = randomBytes(rand, Math.floor(rand() * 200), i % 3 !== 0);
          const res = attempt(`${family.name} v${codec.version} response`, bytes, (b) =>
            codec.decodeResponse(new Reader(b)),
          );
          attempt(`${family.name} v${codec.version} request`, bytes, (b) =>
            codec.decodeRequest(new Reader(b)),
          );
          attempt(`${family.name} v${codec.version} frame`, bytes, (b) => decodeResponseFrame(codec, b));
          if (res !== undefined && valid.length < 20) {
            // Whatever decoded must re-encode; its truncations and mutations are the next inputs.
            const w = new Writer();
            codec.encodeResponse(w, res);
            valid.push(Buffer.from(w.toBuffer()));
          }
        }
        expect(valid.length).toBeGreaterThan(0); // the fuzzer reached whole, valid messages
        for (const bytes of valid) {
          for (let cut = 0; cut < bytes.length; cut++) {
            const r = attempt(`${family.name} v${codec.version} truncated`, bytes.subarray(0, cut), (b) =>
              codec.decodeResponse(new Reader(b)),
            );
            expect(r).toBeUndefined();
          }
          for (let i = 0; i < 50; i++) {
            attempt(`${family.name} v${codec.version} mutated`, mutate(rand, bytes), (b) =>
              codec.decodeResponse(new Reader(b)),
            );
          }
        }
      });
    }
  }

  it('RecordBatch decoder: random, truncated and mutated batches of every codec', {
    timeout: FUZZ_TIMEOUT_MS,
  }, () => {
    const rand = prng(2);
    const options = { maxDecompressedBytes: 1 << 20 };
    for (let i = 0; i < 3000; i++) {
      const bytes = randomBytes(rand, Math.floor(rand() * 300), i % 2 === 0);
      attempt('records random', bytes, (b) => decodeRecordBatches(b, options));
      attempt('records random, no crc', bytes, (b) =>
        decodeRecordBatches(b, { ...options, verifyCrc: false }),
      );
    }
    const ours = [Compression.none, Compression.gzip, Compression.snappy, Compression.lz4].map((codec) => {
      const w = new Writer();
      encodeRecordBatch(
        {
          baseOffset: 42,
          compression: codec,
          records: Array.from({ length: 8 }, (_, i) => ({
            key: i % 2 ? Buffer.from(`k${i}`) : null,
            value: Buffer.from(`value ${i}`.repeat(3)),
            headers: [{ key: 'h', value: Buffer.from([i]) }],
            timestamp: 1_700_000_000_000 + i,
          })),
        },
        w,
      );
      return { codec: String(codec), batch: Buffer.from(w.toBuffer()) };
    });
    // Java-produced batches too (zstd included: we cannot encode it ourselves).
    const java = ['gzip', 'snappy', 'lz4', 'zstd'].map((codec) => ({
      codec: `java-${codec}`,
      batch: readFileSync(new URL(`./records/fixtures/java-${codec}.bin`, import.meta.url)),
    }));
    for (const { codec, batch } of [...ours, ...java]) {
      for (let cut = 0; cut < batch.length; cut++) {
        // A cut batch is a partial trailing batch: no records, no error.
        expect(decodeRecordBatches(batch.subarray(0, cut), options)).toEqual([]);
      }
      for (let i = 0; i < 1500; i++) {
        const m = mutate(rand, batch);
        attempt(`records codec ${codec} mutated`, m, (b) => decodeRecordBatches(b, options));
        attempt(`records codec ${codec} mutated, no crc`, m, (b) =>
          decodeRecordBatches(b, { ...options, verifyCrc: false }),
        );
      }
    }
  });
});
