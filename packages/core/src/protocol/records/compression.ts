/**
 * Record-batch compression codecs (attributes bits 0-2).
 *
 * gzip: node:zlib. snappy: snappyjs, inside Kafka/Java's xerial framing when the magic header is
 * present (raw snappy otherwise). lz4: LZ4 frame format parsed here (bounds-checked, so hostile
 * headers cannot make us allocate gigabytes) with block decoding by lz4js. zstd: fzstd, decode only.
 * Every failure becomes a DecodeError; output is capped at `maxBytes`.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { Decompress } from 'fzstd';
import * as lz4 from 'lz4js';
import { hash as xxh32 } from 'lz4js/xxh32.js';
import * as snappy from 'snappyjs';
import { DecodeError, SharqError, ValidationError } from '../../errors.js';

export const Compression = { none: 0, gzip: 1, snappy: 2, lz4: 3, zstd: 4 } as const;
export type CompressionCodec = (typeof Compression)[keyof typeof Compression];

/** Default cap on one batch's decompressed size: far above Kafka's 1 MiB default batch, far below harm. */
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 256 * 1024 * 1024;

const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const XERIAL_HEADER_LEN = 16; // magic + version int32 + compatible-version int32

export function decompress(codec: number, data: Buffer, maxBytes = DEFAULT_MAX_DECOMPRESSED_BYTES): Buffer {
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
    throw new DecodeError(`corrupt ${codecName(codec)} data: ${(err as Error).message}`, { cause: err });
  }
}

export function compress(codec: number, data: Buffer): Buffer {
  switch (codec) {
    case Compression.none:
      return data;
    case Compression.gzip:
      return gzipSync(data);
    case Compression.snappy:
      return xerialCompress(data);
    case Compression.lz4:
      return lz4Compress(data);
    default:
      throw new ValidationError(`cannot encode with compression codec ${codec} (${codecName(codec)})`);
  }
}

export function codecName(codec: number): string {
  return ['none', 'gzip', 'snappy', 'lz4', 'zstd'][codec] ?? `codec-${codec}`;
}

function snappyDecompress(data: Buffer, maxBytes: number): Buffer {
  if (data.length < XERIAL_HEADER_LEN || !data.subarray(0, 8).equals(XERIAL_MAGIC)) {
    return Buffer.from(snappy.uncompress(data, maxBytes));
  }
  const chunks: Buffer[] = [];
  let total = 0;
  let pos = XERIAL_HEADER_LEN;
  while (pos < data.length) {
    if (pos + 4 > data.length) throw new DecodeError('truncated xerial snappy chunk length');
    const len = data.readInt32BE(pos);
    pos += 4;
    if (len < 0 || pos + len > data.length) throw new DecodeError(`bad xerial snappy chunk length ${len}`);
    const chunk = snappy.uncompress(data.subarray(pos, pos + len), maxBytes - total);
    pos += len;
    total += chunk.length;
    chunks.push(chunk);
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
}

/** Xerial framing as Kafka's Java producer writes it: header, then one int32-length-prefixed block per 32 KiB. */
function xerialCompress(data: Buffer): Buffer {
  const parts: Buffer[] = [XERIAL_MAGIC, Buffer.from([0, 0, 0, 1, 0, 0, 0, 1])];
  for (let pos = 0; pos < data.length; pos += 32 * 1024) {
    const block = snappy.compress(data.subarray(pos, Math.min(data.length, pos + 32 * 1024)));
    const len = Buffer.allocUnsafe(4);
    len.writeInt32BE(block.length, 0);
    parts.push(len, block);
  }
  return Buffer.concat(parts);
}

const LZ4_MAGIC = 0x184d2204;
const LZ4_BLOCK_SIZES: Record<number, number> = { 4: 64 << 10, 5: 256 << 10, 6: 1 << 20, 7: 4 << 20 };

function lz4Decompress(src: Buffer, maxBytes: number): Buffer {
  if (src.length < 7 || src.readUInt32LE(0) !== LZ4_MAGIC) throw new DecodeError('lz4: bad frame magic');
  const flg = src[4] as number;
  if ((flg & 0xc0) !== 0x40) throw new DecodeError(`lz4: unsupported frame version ${(flg >> 6) & 3}`);
  const blockChecksum = (flg & 0x10) !== 0;
  const contentSize = (flg & 0x08) !== 0;
  const dictId = (flg & 0x01) !== 0;
  const maxBlock = LZ4_BLOCK_SIZES[((src[5] as number) >> 4) & 7];
  if (maxBlock === undefined) throw new DecodeError('lz4: bad block size');
  let pos = 6 + (contentSize ? 8 : 0) + (dictId ? 4 : 0) + 1; // descriptor + header checksum byte
  // Blocks may depend on earlier ones (lz4js writes dependent blocks), so decode into one buffer.
  let out = Buffer.allocUnsafe(Math.min(maxBlock, maxBytes));
  let size = 0;
  for (;;) {
    if (pos + 4 > src.length) throw new DecodeError('lz4: truncated block header');
    const word = src.readUInt32LE(pos);
    pos += 4;
    if (word === 0) break; // EndMark
    const uncompressed = (word & 0x80000000) !== 0;
    const len = word & 0x7fffffff;
    if (len > maxBlock || pos + len > src.length) throw new DecodeError(`lz4: bad block length ${len}`);
    if (size + maxBlock > out.length) {
      const cap = Math.min(Math.max(out.length * 2, size + maxBlock), maxBytes + maxBlock);
      const next = Buffer.allocUnsafe(cap);
      out.copy(next, 0, 0, size);
      out = next;
    }
    if (uncompressed) {
      src.copy(out, size, pos, pos + len);
      size += len;
    } else {
      const end = lz4.decompressBlock(src, out, pos, len, size);
      // lz4js drops writes past the end of `out` silently: an end beyond it means a corrupt block.
      if (!(end >= size && end - size <= maxBlock && end <= out.length))
        throw new DecodeError('lz4: corrupt block');
      size = end;
    }
    if (size > maxBytes) throw new DecodeError(`lz4: output exceeds ${maxBytes} bytes`);
    pos += len + (blockChecksum ? 4 : 0);
  }
  return out.subarray(0, size);
}

/**
 * LZ4 frame as Kafka's KafkaLZ4BlockOutputStream writes it: independent 64 KiB blocks, no checksums.
 * (lz4js's own frame writer leaves the block-independence flag unset, which the broker rejects.)
 */
function lz4Compress(data: Buffer): Buffer {
  const block = 64 << 10;
  const header = Buffer.from([0x04, 0x22, 0x4d, 0x18, 0x60, 0x40, 0]); // magic, FLG v01|B.Indep, BD 64 KiB, HC
  header[6] = (xxh32(0, header, 4, 2) >>> 8) & 0xff;
  const parts: Buffer[] = [header];
  const table = new Uint32Array(1 << 16);
  const scratch = Buffer.allocUnsafe(block + (block >> 8) + 16);
  for (let pos = 0; pos < data.length; pos += block) {
    const src = data.subarray(pos, Math.min(data.length, pos + block));
    table.fill(0); // independent blocks: no match may reach into the previous block
    const n = lz4.compressBlock(src, scratch, 0, src.length, table);
    const size = Buffer.allocUnsafe(4);
    if (n === 0 || n >= src.length) {
      size.writeUInt32LE((0x80000000 | src.length) >>> 0, 0);
      parts.push(size, src);
    } else {
      size.writeUInt32LE(n, 0);
      parts.push(size, Buffer.from(scratch.subarray(0, n)));
    }
  }
  parts.push(Buffer.alloc(4)); // EndMark
  return Buffer.concat(parts);
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
