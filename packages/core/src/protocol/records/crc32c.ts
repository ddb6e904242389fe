/**
 * CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum of RecordBatch v2.
 * Slicing-by-8 (eight 256-entry tables, 8 bytes per step), reading the aligned middle of the input
 * as 32-bit little-endian words: every fetched byte is checksummed on the consumer's hot path.
 */
const POLY = 0x82f63b78;
const T = new Int32Array(8 * 256);

for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
  T[n] = c;
}
for (let n = 0; n < 256; n++) {
  let c = T[n] as number;
  for (let s = 1; s < 8; s++) {
    c = (T[c & 0xff] as number) ^ (c >>> 8);
    T[s * 256 + n] = c;
  }
}

// One view per slice: indexing a small table directly beats adding an offset in the inner loop.
const T0 = T.subarray(0, 256);
const T1 = T.subarray(256, 512);
const T2 = T.subarray(512, 768);
const T3 = T.subarray(768, 1024);
const T4 = T.subarray(1024, 1280);
const T5 = T.subarray(1280, 1536);
const T6 = T.subarray(1536, 1792);
const T7 = T.subarray(1792, 2048);

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** CRC-32C of buf[start, end) as an unsigned 32-bit number. */
export function crc32c(buf: Uint8Array, start = 0, end = buf.length): number {
  let crc = -1;
  let i = start;
  // Bytewise up to a 4-byte boundary of the underlying memory, so the middle can be read as words.
  while (i < end && ((buf.byteOffset + i) & 3) !== 0)
    crc = (T0[(crc ^ (buf[i++] as number)) & 0xff] as number) ^ (crc >>> 8);
  const words = LITTLE_ENDIAN ? Math.floor((end - i) / 8) * 2 : 0;
  if (words > 0) {
    const w = new Int32Array(buf.buffer, buf.byteOffset + i, words);
    for (let k = 0; k < words; k += 2) {
      const a = crc ^ (w[k] as number);
      const b = w[k + 1] as number;
      crc =
        (T7[a & 0xff] as number) ^
        (T6[(a >>> 8) & 0xff] as number) ^
        (T5[(a >>> 16) & 0xff] as number) ^
        (T4[a >>> 24] as number) ^
        (T3[b & 0xff] as number) ^
        (T2[(b >>> 8) & 0xff] as number) ^
        (T1[(b >>> 16) & 0xff] as number) ^
        (T0[b >>> 24] as number);
    }
    i += words * 4;
  }
  while (i < end) crc = (T0[(crc ^ (buf[i++] as number)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}
