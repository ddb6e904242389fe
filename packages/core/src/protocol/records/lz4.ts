/**
 * LZ4 frames as Kafka writes them (KafkaLZ4BlockOutputStream: independent 64 KiB blocks).
 *
 * Decoding is our own: the frame parser and block decoder check every length against both buffers
 * (hostile input fails with DecodeError instead of silently writing nowhere), and long literals and
 * matches are copied natively instead of byte by byte. Encoding (tests, embedded engine) uses lz4js.
 *
 *   Frame => Magic:u32le(0x184D2204) FLG:u8 BD:u8 [ContentSize:u64le] [DictId:u32le] HC:u8
 *            { BlockSize:u32le (bit 31 = stored uncompressed; 0 = EndMark) Data [BlockChecksum:u32le] }
 *            [ContentChecksum:u32le]
 *   Block  => { Token:u8 [LiteralLength+:u8...] Literals [Offset:u16le [MatchLength+:u8...]] }
 */
import * as lz4js from 'lz4js';
import { hash as xxh32 } from 'lz4js/xxh32.js';
import { DecodeError } from '../../errors.js';

const MAGIC = 0x184d2204;
const BLOCK_SIZES: Record<number, number> = { 4: 64 << 10, 5: 256 << 10, 6: 1 << 20, 7: 4 << 20 };

/** Scratch output, reused across calls; the result is copied out at its exact size. */
let scratch = Buffer.allocUnsafe(1 << 20);

export function lz4Decompress(src: Buffer, maxBytes: number): Buffer {
  if (src.length < 7 || src.readUInt32LE(0) !== MAGIC) throw new DecodeError('lz4: bad frame magic');
  const flg = src[4] as number;
  if ((flg & 0xc0) !== 0x40) throw new DecodeError(`lz4: unsupported frame version ${(flg >> 6) & 3}`);
  const blockChecksum = (flg & 0x10) !== 0;
  const maxBlock = BLOCK_SIZES[((src[5] as number) >> 4) & 7];
  if (maxBlock === undefined) throw new DecodeError('lz4: bad block size');
  let pos = 6 + ((flg & 0x08) !== 0 ? 8 : 0) + ((flg & 0x01) !== 0 ? 4 : 0) + 1;
  let out = scratch;
  let size = 0;
  for (;;) {
    if (pos + 4 > src.length) throw new DecodeError('lz4: truncated block header');
    const word = src.readUInt32LE(pos);
    pos += 4;
    if (word === 0) break;
    const len = word & 0x7fffffff;
    if (len > maxBlock || pos + len > src.length) throw new DecodeError(`lz4: bad block length ${len}`);
    const room = Math.min(size + maxBlock, maxBytes);
    if (room > out.length) {
      const next = Buffer.allocUnsafe(Math.min(Math.max(out.length * 2, room), maxBytes));
      out.copy(next, 0, 0, size);
      out = next;
    }
    if ((word & 0x80000000) !== 0) {
      if (size + len > maxBytes) throw new DecodeError(`lz4: output exceeds ${maxBytes} bytes`);
      src.copy(out, size, pos, pos + len);
      size += len;
    } else {
      size = decodeBlock(src, pos, pos + len, out, size, Math.min(room, out.length));
    }
    pos += len + (blockChecksum ? 4 : 0);
  }
  if (out.length <= 64 << 20) scratch = out; // keep a grown scratch, within reason
  return Buffer.from(out.subarray(0, size));
}

/** Decode one block src[s, sEnd) into out at d (matches may reach back into earlier blocks); returns the new d. */
function decodeBlock(src: Buffer, s: number, sEnd: number, out: Buffer, d: number, dEnd: number): number {
  while (s < sEnd) {
    const token = src[s++] as number;
    let lit = token >>> 4;
    if (lit === 15) {
      let b = 255;
      while (b === 255) {
        if (s >= sEnd) throw new DecodeError('lz4: truncated literal length');
        b = src[s++] as number;
        lit += b;
      }
    }
    if (s + lit > sEnd || d + lit > dEnd) throw new DecodeError('lz4: literal run out of bounds');
    if (lit > 16) {
      src.copy(out, d, s, s + lit);
      d += lit;
      s += lit;
    } else {
      for (let k = 0; k < lit; k++) out[d++] = src[s++] as number;
    }
    if (s >= sEnd) break; // the last sequence has literals only
    if (s + 2 > sEnd) throw new DecodeError('lz4: truncated match offset');
    const offset = (src[s] as number) | ((src[s + 1] as number) << 8);
    s += 2;
    let mlen = token & 15;
    if (mlen === 15) {
      let b = 255;
      while (b === 255) {
        if (s >= sEnd) throw new DecodeError('lz4: truncated match length');
        b = src[s++] as number;
        mlen += b;
      }
    }
    mlen += 4;
    if (offset === 0 || offset > d || d + mlen > dEnd) throw new DecodeError('lz4: match out of bounds');
    let m = d - offset;
    if (offset >= mlen && mlen > 16) {
      out.copyWithin(d, m, m + mlen);
      d += mlen;
    } else {
      // Overlapping (run-length style) or short: byte order matters / native call not worth it.
      for (let k = 0; k < mlen; k++) out[d++] = out[m++] as number;
    }
  }
  return d;
}

/** LZ4 frame as Kafka's producer writes it: FLG version 01 + block independence, 64 KiB blocks, no checksums. */
export function lz4Compress(data: Buffer): Buffer {
  const block = 64 << 10;
  const header = Buffer.from([0x04, 0x22, 0x4d, 0x18, 0x60, 0x40, 0]);
  header[6] = (xxh32(0, header, 4, 2) >>> 8) & 0xff;
  const parts: Buffer[] = [header];
  const table = new Uint32Array(1 << 16);
  const dst = Buffer.allocUnsafe(block + (block >> 8) + 16);
  for (let pos = 0; pos < data.length; pos += block) {
    const src = data.subarray(pos, Math.min(data.length, pos + block));
    table.fill(0); // independent blocks: no match may reach into the previous block
    const n = lz4js.compressBlock(src, dst, 0, src.length, table);
    const size = Buffer.allocUnsafe(4);
    if (n === 0 || n >= src.length) {
      size.writeUInt32LE((0x80000000 | src.length) >>> 0, 0);
      parts.push(size, src);
    } else {
      size.writeUInt32LE(n, 0);
      parts.push(size, Buffer.from(dst.subarray(0, n)));
    }
  }
  parts.push(Buffer.alloc(4)); // EndMark
  return Buffer.concat(parts);
}
