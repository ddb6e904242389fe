/**
 * Snappy, raw or in the xerial framing Kafka's Java producer uses.
 *
 * Decoding is our own, bounds-checked, into one exactly-sized output (each chunk declares its length,
 * so the total is known before anything is allocated). Encoding (tests, embedded engine) uses snappyjs.
 *
 *   Xerial => Magic:"\x82SNAPPY\x00" Version:i32 Compatible:i32 { ChunkLength:i32 RawSnappy }
 *   Raw    => UncompressedLength:uvarint { Tag:u8 ... }   tag&3: 0 literal, 1/2/3 copy with 1/2/4-byte offset
 */
import * as snappyjs from 'snappyjs';
import { DecodeError } from '../../errors.js';

const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const XERIAL_HEADER_LEN = 16;

function isXerial(data: Buffer): boolean {
  return data.length >= XERIAL_HEADER_LEN && data.compare(XERIAL_MAGIC, 0, 8, 0, 8) === 0;
}

export function snappyDecompress(data: Buffer, maxBytes: number): Buffer {
  if (!isXerial(data)) {
    const [len, start] = preamble(data, 0, data.length);
    if (len > maxBytes) throw new DecodeError(`snappy: output of ${len} bytes exceeds ${maxBytes}`);
    const out = Buffer.allocUnsafe(len);
    decodeRaw(data, start, data.length, out, 0, len);
    return out;
  }
  // First pass: chunk bounds and declared sizes.
  const chunks: number[] = [];
  let total = 0;
  for (let pos = XERIAL_HEADER_LEN; pos < data.length; ) {
    if (pos + 4 > data.length) throw new DecodeError('snappy: truncated xerial chunk length');
    const clen = data.readInt32BE(pos);
    pos += 4;
    if (clen < 0 || pos + clen > data.length)
      throw new DecodeError(`snappy: bad xerial chunk length ${clen}`);
    const [len] = preamble(data, pos, pos + clen);
    total += len;
    if (total > maxBytes) throw new DecodeError(`snappy: output exceeds ${maxBytes} bytes`);
    chunks.push(pos, pos + clen, len);
    pos += clen;
  }
  const out = Buffer.allocUnsafe(total);
  let d = 0;
  for (let i = 0; i < chunks.length; i += 3) {
    const [, start] = preamble(data, chunks[i] as number, chunks[i + 1] as number);
    decodeRaw(data, start, chunks[i + 1] as number, out, d, d + (chunks[i + 2] as number));
    d += chunks[i + 2] as number;
  }
  return out;
}

/** Uncompressed length (uvarint, ≤ 32 bits) and where the elements start. */
function preamble(src: Buffer, s: number, end: number): [number, number] {
  let len = 0;
  for (let shift = 0; shift < 35; shift += 7) {
    if (s >= end) throw new DecodeError('snappy: truncated length preamble');
    const b = src[s++] as number;
    len += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return [len, s];
  }
  throw new DecodeError('snappy: length preamble too long');
}

/** Decode elements src[s, sEnd) into out[d0, dEnd), which they must fill exactly. */
function decodeRaw(src: Buffer, s: number, sEnd: number, out: Buffer, d0: number, dEnd: number): void {
  let d = d0;
  while (s < sEnd) {
    const tag = src[s++] as number;
    const kind = tag & 3;
    if (kind === 0) {
      let len = (tag >>> 2) + 1;
      if (len > 60) {
        const n = len - 60; // 1..4 little-endian length bytes
        if (s + n > sEnd) throw new DecodeError('snappy: truncated literal length');
        len = 0;
        for (let k = 0; k < n; k++) len += (src[s + k] as number) * 2 ** (8 * k);
        len += 1;
        s += n;
      }
      if (s + len > sEnd || d + len > dEnd) throw new DecodeError('snappy: literal out of bounds');
      if (len > 16) src.copy(out, d, s, s + len);
      else for (let k = 0; k < len; k++) out[d + k] = src[s + k] as number;
      s += len;
      d += len;
      continue;
    }
    let len: number;
    let offset: number;
    if (kind === 1) {
      if (s >= sEnd) throw new DecodeError('snappy: truncated copy');
      len = ((tag >>> 2) & 7) + 4;
      offset = ((tag >>> 5) << 8) | (src[s++] as number);
    } else if (kind === 2) {
      if (s + 2 > sEnd) throw new DecodeError('snappy: truncated copy');
      len = (tag >>> 2) + 1;
      offset = src.readUInt16LE(s);
      s += 2;
    } else {
      if (s + 4 > sEnd) throw new DecodeError('snappy: truncated copy');
      len = (tag >>> 2) + 1;
      offset = src.readUInt32LE(s);
      s += 4;
    }
    if (offset === 0 || offset > d - d0 || d + len > dEnd)
      throw new DecodeError('snappy: copy out of bounds');
    let m = d - offset;
    if (offset >= len && len > 16) {
      out.copyWithin(d, m, m + len);
      d += len;
    } else {
      for (let k = 0; k < len; k++) out[d++] = out[m++] as number;
    }
  }
  if (d !== dEnd) throw new DecodeError(`snappy: decoded ${d - d0} bytes, declared ${dEnd - d0}`);
}

/** Xerial framing as Kafka's Java producer writes it: header, then one int32-length-prefixed block per 32 KiB. */
export function snappyCompress(data: Buffer): Buffer {
  const parts: Buffer[] = [XERIAL_MAGIC, Buffer.from([0, 0, 0, 1, 0, 0, 0, 1])];
  for (let pos = 0; pos < data.length; pos += 32 * 1024) {
    const block = snappyjs.compress(data.subarray(pos, Math.min(data.length, pos + 32 * 1024)));
    const len = Buffer.allocUnsafe(4);
    len.writeInt32BE(block.length, 0);
    parts.push(len, block);
  }
  return Buffer.concat(parts);
}
