/**
 * Record-batch compression codecs (attributes bits 0-2).
 *
 * gzip: node:zlib. snappy and lz4: our bounds-checked decoders (snappy.ts, lz4.ts; encoders from
 * snappyjs / lz4js). zstd: fzstd, decode only. Every failure becomes a DecodeError and output is
 * capped at `maxBytes`, so a forged size cannot make us allocate without limit.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { Decompress } from 'fzstd';
import { DecodeError, SharqError, ValidationError } from '../../errors.js';
import { lz4Compress, lz4Decompress } from './lz4.js';
import { snappyCompress, snappyDecompress } from './snappy.js';

export const Compression = { none: 0, gzip: 1, snappy: 2, lz4: 3, zstd: 4 } as const;
export type CompressionCodec = (typeof Compression)[keyof typeof Compression];

/** Default cap on one batch's decompressed size: far above Kafka's 1 MiB default batch, far below harm. */
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 256 * 1024 * 1024;

export function decompressRecords(
  codec: number,
  data: Buffer,
  maxBytes = DEFAULT_MAX_DECOMPRESSED_BYTES,
): Buffer {
  try {
    switch (codec) {
      case Compression.none:
        return data;
      case Compression.gzip:
        return gunzipSync(data, { maxOutputLength: maxBytes });
      case Compression.snappy:
        return snappyDecompress(data, maxBytes);
      case Compression.lz4:
        return lz4Decompress(data, maxBytes);
      case Compression.zstd:
        return zstdDecompress(data, maxBytes);
      default:
        throw new DecodeError(`unknown compression codec ${codec}`);
    }
  } catch (err) {
    if (err instanceof SharqError) throw err;
    throw new DecodeError(`corrupt ${compressionName(codec)} data: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

export function compressRecords(codec: number, data: Buffer): Buffer {
  switch (codec) {
    case Compression.none:
      return data;
    case Compression.gzip:
      return gzipSync(data);
    case Compression.snappy:
      return snappyCompress(data);
    case Compression.lz4:
      return lz4Compress(data);
    default:
      throw new ValidationError(`cannot encode with compression codec ${codec} (${compressionName(codec)})`);
  }
}

export function compressionName(codec: number): string {
  return ['none', 'gzip', 'snappy', 'lz4', 'zstd'][codec] ?? `codec-${codec}`;
}

function zstdDecompress(data: Buffer, maxBytes: number): Buffer {
  const chunks: Uint8Array[] = [];
  let total = 0;
  // Streaming, so the size is checked per chunk instead of trusting the frame's declared content size.
  const stream = new Decompress((chunk) => {
    total += chunk.length;
    if (total > maxBytes) throw new DecodeError(`zstd: output exceeds ${maxBytes} bytes`);
    // fzstd may hand out views of its window, which later blocks overwrite: keep a copy.
    if (chunk.length > 0) chunks.push(chunk.slice());
  });
  stream.push(data, true);
  if (chunks.length === 1) {
    const c = chunks[0] as Uint8Array;
    return Buffer.from(c.buffer, c.byteOffset, c.byteLength);
  }
  return Buffer.concat(chunks, total);
}
