/**
 * zstd decoding through fzstd, behind a frame walker of our own.
 *
 * fzstd allocates each frame's window as the frame header declares it (up to 2 GiB), so a forged
 * header could make us allocate absurdly. We walk every frame first — header, block headers, checksum —
 * and refuse windows or declared sizes above `maxBytes` before fzstd sees the data; decoding then
 * streams, checking the output size chunk by chunk.
 *
 *   Frame          => Magic:u32le(0xFD2FB528) FHD:u8 [WindowDescriptor:u8] [DictId:0|1|2|4] [ContentSize:0|1|2|4|8]
 *                     { BlockHeader:u24le (bit 0 last, bits 1-2 type, bits 3-23 size) BlockData } [Checksum:u32le]
 *   SkippableFrame => Magic:u32le(0x184D2A5?) Size:u32le Data
 */
import { Decompress } from 'fzstd';
import { DecodeError } from '../../errors.js';

const ZSTD_MAGIC = 0xfd2fb528;

export function zstdDecompress(data: Buffer, maxBytes: number): Buffer {
  checkFrames(data, maxBytes);
  const chunks: Uint8Array[] = [];
  let total = 0;
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

function checkFrames(data: Buffer, maxBytes: number): void {
  let pos = 0;
  while (pos < data.length) {
    if (pos + 4 > data.length) throw new DecodeError('zstd: truncated frame magic');
    const magic = data.readUInt32LE(pos);
    if (magic >>> 4 === 0x184d2a5) {
      if (pos + 8 > data.length) throw new DecodeError('zstd: truncated skippable frame');
      pos += 8 + data.readUInt32LE(pos + 4);
      continue;
    }
    if (magic !== ZSTD_MAGIC) throw new DecodeError('zstd: bad frame magic');
    pos = checkFrame(data, pos + 4, maxBytes);
  }
  if (pos > data.length) throw new DecodeError('zstd: truncated frame');
}

/** Validate one frame's sizes; returns the offset after it. */
function checkFrame(data: Buffer, start: number, maxBytes: number): number {
  if (start >= data.length) throw new DecodeError('zstd: truncated frame header');
  const fhd = data[start] as number;
  const singleSegment = (fhd & 0x20) !== 0;
  const checksum = (fhd & 0x04) !== 0;
  const dictBytes = [0, 1, 2, 4][fhd & 3] as number;
  const sizeBytes = [singleSegment ? 1 : 0, 2, 4, 8][fhd >>> 6] as number;
  let pos = start + 1;
  let window = 0;
  if (!singleSegment) {
    if (pos >= data.length) throw new DecodeError('zstd: truncated window descriptor');
    const wd = data[pos++] as number;
    const base = 2 ** (10 + (wd >>> 3));
    window = base + (base / 8) * (wd & 7);
  }
  pos += dictBytes;
  if (pos + sizeBytes > data.length) throw new DecodeError('zstd: truncated frame header');
  let contentSize = 0;
  for (let k = 0; k < sizeBytes; k++) contentSize += (data[pos + k] as number) * 2 ** (8 * k);
  if (sizeBytes === 2) contentSize += 256;
  pos += sizeBytes;
  if (window > maxBytes || contentSize > maxBytes) {
    throw new DecodeError(
      `zstd: frame declares ${Math.max(window, contentSize)} bytes, above the ${maxBytes} limit`,
    );
  }
  for (;;) {
    if (pos + 3 > data.length) throw new DecodeError('zstd: truncated block header');
    const header =
      (data[pos] as number) | ((data[pos + 1] as number) << 8) | ((data[pos + 2] as number) << 16);
    pos += 3;
    const type = (header >>> 1) & 3;
    if (type === 3) throw new DecodeError('zstd: reserved block type');
    pos += type === 1 ? 1 : header >>> 3; // RLE blocks carry one byte whatever their size
    if ((header & 1) !== 0) break;
  }
  return pos + (checksum ? 4 : 0);
}
