/**
 * Reader: the decoding half of the Kafka wire primitives, mirror of Writer.
 *
 * Input comes from the network, so it is hostile until proven otherwise: every read checks
 * bounds first and throws DecodeError (never RangeError), and every length/count is checked
 * against the bytes actually remaining before anything is allocated. Byte fields are returned
 * as subarray views of the input (no copy).
 */
import { DecodeError } from '../errors.js';

const TWO_32 = 0x1_0000_0000;

export class Reader {
  readonly buf: Buffer;
  offset: number;
  readonly end: number;

  constructor(buf: Buffer, offset = 0, end = buf.length) {
    if (offset < 0 || end > buf.length || offset > end) throw new DecodeError('reader window out of range');
    this.buf = buf;
    this.offset = offset;
    this.end = end;
  }

  get remaining(): number {
    return this.end - this.offset;
  }

  private need(n: number, what: string): void {
    if (this.offset + n > this.end) {
      throw new DecodeError(
        `truncated ${what}: need ${n} byte(s) at offset ${this.offset}, have ${this.remaining}`,
      );
    }
  }

  readInt8(): number {
    this.need(1, 'int8');
    return this.buf.readInt8(this.offset++);
  }

  readUInt8(): number {
    this.need(1, 'uint8');
    return this.buf[this.offset++] as number;
  }

  readBool(): boolean {
    this.need(1, 'bool');
    return this.buf[this.offset++] !== 0;
  }

  readInt16(): number {
    this.need(2, 'int16');
    const v = this.buf.readInt16BE(this.offset);
    this.offset += 2;
    return v;
  }

  readUInt16(): number {
    this.need(2, 'uint16');
    const v = this.buf.readUInt16BE(this.offset);
    this.offset += 2;
    return v;
  }

  readInt32(): number {
    this.need(4, 'int32');
    const v = this.buf.readInt32BE(this.offset);
    this.offset += 4;
    return v;
  }

  readUInt32(): number {
    this.need(4, 'uint32');
    const v = this.buf.readUInt32BE(this.offset);
    this.offset += 4;
    return v;
  }

  /** int64 as a JS number: exact within ±2^53 (offsets, timestamps, producer ids); lossy beyond. */
  readInt64(): number {
    this.need(8, 'int64');
    const hi = this.buf.readInt32BE(this.offset);
    const lo = this.buf.readUInt32BE(this.offset + 4);
    this.offset += 8;
    return hi * TWO_32 + lo;
  }

  /** int64 exact, as a bigint. */
  readInt64Big(): bigint {
    this.need(8, 'int64');
    const v = this.buf.readBigInt64BE(this.offset);
    this.offset += 8;
    return v;
  }

  readFloat64(): number {
    this.need(8, 'float64');
    const v = this.buf.readDoubleBE(this.offset);
    this.offset += 8;
    return v;
  }

  /** Unsigned LEB128 uint32 (at most 5 bytes). */
  readUnsignedVarint(): number {
    const buf = this.buf;
    let pos = this.offset;
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (pos >= this.end) throw new DecodeError(`truncated varint at offset ${this.offset}`);
      const b = buf[pos++] as number;
      result |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.offset = pos;
        return result >>> 0;
      }
    }
    throw new DecodeError(`varint longer than 5 bytes at offset ${this.offset}`);
  }

  /** Zigzag varint int32. */
  readVarint(): number {
    const u = this.readUnsignedVarint();
    return (u >>> 1) ^ -(u & 1);
  }

  /** Zigzag varlong as a number (exact within ±2^53; record deltas and timestamps always are). */
  readVarlong(): number {
    const buf = this.buf;
    let pos = this.offset;
    // Low 28 bits in int math, the rest in float math (no BigInt on the hot path).
    let lo = 0;
    let hi = 0;
    let hiMul = 1;
    for (let i = 0; i < 10; i++) {
      if (pos >= this.end) throw new DecodeError(`truncated varlong at offset ${this.offset}`);
      const b = buf[pos++] as number;
      if (i < 4) lo |= (b & 0x7f) << (7 * i);
      else {
        hi += (b & 0x7f) * hiMul;
        hiMul *= 128;
      }
      if (b < 0x80) {
        this.offset = pos;
        // unsigned value = hi * 2^28 + lo; zigzag: odd → negative.
        if ((lo & 1) === 0) return hi * 0x800_0000 + (lo >>> 1);
        return -(hi * 0x800_0000 + (lo >>> 1)) - 1;
      }
    }
    throw new DecodeError(`varlong longer than 10 bytes at offset ${this.offset}`);
  }

  /** Zigzag varlong exact, as a bigint. */
  readVarlongBig(): bigint {
    let pos = this.offset;
    let u = 0n;
    for (let i = 0; i < 10; i++) {
      if (pos >= this.end) throw new DecodeError(`truncated varlong at offset ${this.offset}`);
      const b = this.buf[pos++] as number;
      u |= BigInt(b & 0x7f) << BigInt(7 * i);
      if (b < 0x80) {
        this.offset = pos;
        u = BigInt.asUintN(64, u);
        return BigInt.asIntN(64, (u >> 1n) ^ -(u & 1n));
      }
    }
    throw new DecodeError(`varlong longer than 10 bytes at offset ${this.offset}`);
  }

  /** UUID as base64url (22 chars). */
  readUuid(): string {
    this.need(16, 'uuid');
    const s = this.buf.toString('base64url', this.offset, this.offset + 16);
    this.offset += 16;
    return s;
  }

  /** `len` raw bytes as a view (no copy). */
  readRaw(len: number): Buffer {
    if (len < 0) throw new DecodeError(`negative length ${len} at offset ${this.offset}`);
    this.need(len, 'bytes');
    const b = this.buf.subarray(this.offset, this.offset + len);
    this.offset += len;
    return b;
  }

  /** `len` bytes as UTF-8 text (no intermediate Buffer). */
  readUtf8(len: number, what = 'utf8'): string {
    if (len < 0) throw new DecodeError(`negative length ${len} at offset ${this.offset}`);
    return this.utf8(len, what);
  }

  private utf8(len: number, what: string): string {
    this.need(len, what);
    const s = this.buf.toString('utf8', this.offset, this.offset + len);
    this.offset += len;
    return s;
  }

  /** STRING (int16 length); null is a protocol error here. */
  readString(): string {
    const len = this.readInt16();
    if (len < 0) throw new DecodeError(`null where a STRING is required (offset ${this.offset - 2})`);
    return this.utf8(len, 'string');
  }

  /** NULLABLE_STRING (int16 length, -1 = null). */
  readNullableString(): string | null {
    const len = this.readInt16();
    if (len === -1) return null;
    if (len < 0) throw new DecodeError(`bad string length ${len} at offset ${this.offset - 2}`);
    return this.utf8(len, 'string');
  }

  readCompactString(): string {
    const n = this.readUnsignedVarint();
    if (n === 0) throw new DecodeError(`null where a COMPACT_STRING is required (offset ${this.offset})`);
    return this.utf8(n - 1, 'compact string');
  }

  readCompactNullableString(): string | null {
    const n = this.readUnsignedVarint();
    if (n === 0) return null;
    return this.utf8(n - 1, 'compact string');
  }

  /** BYTES (int32 length); null is a protocol error here. */
  readBytes(): Buffer {
    const len = this.readInt32();
    if (len < 0) throw new DecodeError(`null where BYTES are required (offset ${this.offset - 4})`);
    return this.readRaw(len);
  }

  readNullableBytes(): Buffer | null {
    const len = this.readInt32();
    if (len === -1) return null;
    return this.readRaw(len);
  }

  readCompactBytes(): Buffer {
    const n = this.readUnsignedVarint();
    if (n === 0) throw new DecodeError(`null where COMPACT_BYTES are required (offset ${this.offset})`);
    return this.readRaw(n - 1);
  }

  readCompactNullableBytes(): Buffer | null {
    const n = this.readUnsignedVarint();
    if (n === 0) return null;
    return this.readRaw(n - 1);
  }

  /** Record-style bytes: zigzag varint length, -1 = null. */
  readVarintBytes(): Buffer | null {
    const len = this.readVarint();
    if (len === -1) return null;
    return this.readRaw(len);
  }

  /** Every element takes at least one byte, so a count above `remaining` is corrupt: refuse before allocating. */
  private checkCount(n: number): void {
    if (n > this.remaining) {
      throw new DecodeError(
        `array count ${n} exceeds the ${this.remaining} remaining byte(s) at offset ${this.offset}`,
      );
    }
  }

  private readItems<T>(n: number, fn: (r: Reader) => T): T[] {
    this.checkCount(n);
    const out = new Array<T>(n);
    for (let i = 0; i < n; i++) out[i] = fn(this);
    return out;
  }

  /** ARRAY (int32 count); null is a protocol error here. */
  readArray<T>(fn: (r: Reader) => T): T[] {
    const n = this.readInt32();
    if (n < 0) throw new DecodeError(`null where an ARRAY is required (offset ${this.offset - 4})`);
    return this.readItems(n, fn);
  }

  readNullableArray<T>(fn: (r: Reader) => T): T[] | null {
    const n = this.readInt32();
    if (n === -1) return null;
    if (n < 0) throw new DecodeError(`bad array count ${n} at offset ${this.offset - 4}`);
    return this.readItems(n, fn);
  }

  /** COMPACT_ARRAY; null is a protocol error here. */
  readCompactArray<T>(fn: (r: Reader) => T): T[] {
    const n = this.readUnsignedVarint();
    if (n === 0) throw new DecodeError(`null where a COMPACT_ARRAY is required (offset ${this.offset})`);
    return this.readItems(n - 1, fn);
  }

  readCompactNullableArray<T>(fn: (r: Reader) => T): T[] | null {
    const n = this.readUnsignedVarint();
    if (n === 0) return null;
    return this.readItems(n - 1, fn);
  }

  /**
   * Tagged-field section. `onTag` gets each field's tag and a Reader over exactly its payload;
   * the cursor always moves past the payload, so tags the handler ignores are skipped (KIP-482).
   */
  readTaggedFields(onTag?: (tag: number, r: Reader) => void): void {
    const count = this.readUnsignedVarint();
    if (count === 0) return;
    this.checkCount(count);
    for (let i = 0; i < count; i++) {
      const tag = this.readUnsignedVarint();
      const size = this.readUnsignedVarint();
      this.need(size, 'tagged field');
      const start = this.offset;
      this.offset += size;
      if (onTag !== undefined) onTag(tag, new Reader(this.buf, start, start + size));
    }
  }

  /** Throw unless every byte was consumed (a decoder that stops early has the wrong grammar). */
  expectEnd(what: string): void {
    if (this.offset !== this.end) {
      throw new DecodeError(`${what}: ${this.remaining} unexpected trailing byte(s)`);
    }
  }
}
