import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../src/errors.js';
import {
  Compression,
  compressRecords,
  decompressRecords,
} from '../../../src/protocol/records/compression.js';

// The reference implementations our decoders must agree with.
const require = createRequire(import.meta.url);
const lz4js = require('lz4js') as { compress(b: Uint8Array): Uint8Array };
const snappyjs = require('snappyjs') as { compress(b: Buffer): Buffer };

/** Deterministic data mixing runs (long matches), short repeats (overlapping copies) and noise (literals). */
function corpus(size: number, seed = 1): Buffer {
  const out = Buffer.alloc(size);
  let x = seed;
  let i = 0;
  while (i < size) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const mode = x % 4;
    const run = 1 + ((x >>> 8) % 300);
    for (let k = 0; k < run && i < size; k++, i++) {
      if (mode === 0)
        out[i] = 0x61; // run of one byte
      else if (mode === 1)
        out[i] = 0x61 + (k % 3); // period-3 repeat
      else if (mode === 2)
        out[i] = (x >>> (k % 24)) & 0xff; // noise
      else out[i] = out[Math.max(0, i - 1000)] ?? 0; // far match
    }
  }
  return out;
}

const SIZES = [0, 1, 15, 17, 100, 4096, 65_535, 65_536, 65_537, 200_000, 1_100_000];

describe('compression codecs', () => {
  for (const [name, codec] of Object.entries(Compression)) {
    if (codec === Compression.none || codec === Compression.zstd) continue;
    it(`${name}: our encoder round-trips through our decoder at every size`, () => {
      for (const size of SIZES) {
        const data = corpus(size, size + 7);
        expect(decompressRecords(codec, compressRecords(codec, data)).equals(data)).toBe(true);
      }
    });
  }

  it('lz4: decodes lz4js frames (4 MiB dependent blocks) and Kafka-style frames alike', () => {
    for (const size of SIZES) {
      const data = corpus(size, size);
      expect(decompressRecords(Compression.lz4, Buffer.from(lz4js.compress(data))).equals(data)).toBe(true);
    }
    const kafkaStyle = compressRecords(Compression.lz4, corpus(1000));
    expect(kafkaStyle[4]).toBe(0x60); // FLG: version 01, independent blocks
    expect(kafkaStyle[5]).toBe(0x40); // BD: 64 KiB blocks
  });

  it('snappy: decodes raw blocks from snappyjs and multi-chunk xerial streams', () => {
    for (const size of SIZES.filter((s) => s < 300_000)) {
      const data = corpus(size, size + 1);
      expect(decompressRecords(Compression.snappy, snappyjs.compress(data)).equals(data)).toBe(true);
    }
    const big = corpus(100_000);
    const framed = compressRecords(Compression.snappy, big);
    expect(framed.readInt32BE(8)).toBe(1); // xerial version
    expect(decompressRecords(Compression.snappy, framed).equals(big)).toBe(true);
  });

  it('lz4: refuses blocks that reach outside their buffers', () => {
    const header = [0x04, 0x22, 0x4d, 0x18, 0x60, 0x40, 0x82];
    const frame = (block: number[]) => Buffer.from([...header, block.length, 0, 0, 0, ...block, 0, 0, 0, 0]);
    // Literal run of 15 claims more bytes than the block has.
    expect(() => decompressRecords(Compression.lz4, frame([0xf0, 0x05, 1, 2]))).toThrow(DecodeError);
    // Match offset 9 before any output.
    expect(() => decompressRecords(Compression.lz4, frame([0x10, 0x61, 0x09, 0x00, 0x00]))).toThrow(
      /match out of bounds/,
    );
    // Offset 0 is invalid.
    expect(() => decompressRecords(Compression.lz4, frame([0x10, 0x61, 0x00, 0x00, 0x00]))).toThrow(
      DecodeError,
    );
    // Block length beyond the frame.
    expect(() => decompressRecords(Compression.lz4, Buffer.from([...header, 50, 0, 0, 0, 1]))).toThrow(
      DecodeError,
    );
    // Missing EndMark.
    expect(() => decompressRecords(Compression.lz4, Buffer.from([...header, 1, 0, 0, 0, 0x00]))).toThrow(
      DecodeError,
    );
    // A valid one: literal 'a', then a 5-byte overlapping match at offset 1 -> 'aaaaaa', then last literal 'b'.
    expect(decompressRecords(Compression.lz4, frame([0x11, 0x61, 0x01, 0x00, 0x10, 0x62])).toString()).toBe(
      'aaaaaab',
    );
  });

  it('snappy: refuses lengths that disagree with the data', () => {
    // Declares 10 bytes, provides a 3-byte literal.
    expect(() => decompressRecords(Compression.snappy, Buffer.from([10, 0x08, 1, 2, 3]))).toThrow(/declared/);
    // Copy before any output.
    expect(() => decompressRecords(Compression.snappy, Buffer.from([4, 0x01, 0x01]))).toThrow(
      /copy out of bounds/,
    );
    // Declared size above the cap: refused before allocating.
    expect(() =>
      decompressRecords(Compression.snappy, Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f]), 1 << 20),
    ).toThrow(/exceeds/);
    // Overlapping copy (offset 1) expands a run.
    expect(decompressRecords(Compression.snappy, Buffer.from([6, 0x00, 0x61, 0x05, 0x01])).toString()).toBe(
      'aaaaaa',
    );
  });

  it('zstd: refuses frames whose window or content size exceeds the cap before decoding', () => {
    const magic = [0x28, 0xb5, 0x2f, 0xfd];
    // Window descriptor 0xf8: 2^41 bytes. fzstd would try to allocate it.
    const hugeWindow = Buffer.from([...magic, 0x00, 0xf8, 0x01, 0x00, 0x00]);
    expect(() => decompressRecords(Compression.zstd, hugeWindow)).toThrow(/above the/);
    // Single segment, 4-byte content size 0xffffffff.
    const hugeContent = Buffer.from([...magic, 0xa0, 0xff, 0xff, 0xff, 0xff, 0x01, 0x00, 0x00]);
    expect(() => decompressRecords(Compression.zstd, hugeContent, 1 << 20)).toThrow(/above the/);
    // Reserved block type, truncated frames, wrong magic.
    expect(() =>
      decompressRecords(Compression.zstd, Buffer.from([...magic, 0x20, 0x05, 0x07, 0, 0])),
    ).toThrow(/reserved block/);
    expect(() => decompressRecords(Compression.zstd, Buffer.from([...magic, 0x20]))).toThrow(DecodeError);
    expect(() => decompressRecords(Compression.zstd, Buffer.from([1, 2, 3, 4, 5]))).toThrow(/magic/);
  });
});
