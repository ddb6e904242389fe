/**
 * Record-batch compression codecs (attributes bits 0-2).
 *
 * gzip: node:zlib. snappy and lz4: our bounds-checked decoders (snappy.ts, lz4.ts; encoders from
 * snappyjs / lz4js). zstd: fzstd behind our frame checks (zstd.ts), decode only. Every failure becomes a
 * DecodeError; output (and zstd's window) is capped at `maxBytes`, so a forged size cannot make us
 * allocate without limit.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { DecodeError, SharqError, ValidationError } from '../../errors.js';
import { lz4Compress, lz4Decompress } from './lz4.js';
import { snappyCompress, snappyDecompress } from './snappy.js';
import { zstdDecompress } from './zstd.js';

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
