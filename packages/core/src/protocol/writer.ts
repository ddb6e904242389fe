/**
 * Writer: the encoding half of the Kafka wire primitives.
 *
 * One growable Buffer and a cursor. Every method appends at the cursor and returns `this`
 * so codecs can chain. Buffers grow by doubling, so encoding a request allocates O(log n)
 * times, never per field. `toBuffer()` returns a view (no copy) of what was written.
 */
import { ValidationError } from '../errors.js';

/** A raw tagged field (KIP-482): tag number and its already-encoded payload. */
export interface TaggedField {
  tag: number;
  data: Buffer;
}

const TWO_32 = 0x1_0000_0000;
const UUID_ZERO = Buffer.alloc(16);
const UUID_CHARS = /^[A-Za-z0-9_-]{22}$/;

export class Writer {
  private buf: Buffer;
  private pos = 0;

  constructor(initialCapacity = 256) {
    this.buf = Buffer.allocUnsafe(Math.max(16, initialCapacity));
  }

  /** Bytes written so far (also the position the next write lands at). */
  get offset(): number {
    return this.pos;
  }

  /** Make room for `n` more bytes. Doubling keeps appends amortised O(1). */
  private ensure(n: number): void {
    const need = this.pos + n;
    if (need <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const next = Buffer.allocUnsafe(cap);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  int8(v: number): this {
    this.ensure(1);
    this.buf.writeInt8(v, this.pos);
    this.pos += 1;
    return this;
  }

  uint8(v: number): this {
    this.ensure(1);
    this.buf[this.pos++] = v & 0xff;
    return this;
  }

  bool(v: boolean): this {
    this.ensure(1);
    this.buf[this.pos++] = v ? 1 : 0;
    return this;
  }

  int16(v: number): this {
    this.ensure(2);
    this.buf.writeInt16BE(v, this.pos);
    this.pos += 2;
    return this;
  }

  uint16(v: number): this {
    this.ensure(2);
    this.buf.writeUInt16BE(v, this.pos);
    this.pos += 2;
    return this;
  }

  int32(v: number): this {
    this.ensure(4);
    this.buf.writeInt32BE(v, this.pos);
    this.pos += 4;
    return this;
  }

  uint32(v: number): this {
    this.ensure(4);
    this.buf.writeUInt32BE(v, this.pos);
    this.pos += 4;
    return this;
  }

  /** int64 from a bigint (exact) or a number (must be a safe integer; offsets/timestamps are). */
  int64(v: bigint | number): this {
    this.ensure(8);
    if (typeof v === 'bigint') {
      this.buf.writeBigInt64BE(v, this.pos);
    } else {
      // Split into two 32-bit halves: avoids a BigInt allocation per offset/timestamp.
      const hi = Math.floor(v / TWO_32);
      this.buf.writeInt32BE(hi, this.pos);
      this.buf.writeUInt32BE(v - hi * TWO_32, this.pos + 4);
    }
    this.pos += 8;
    return this;
  }

  float64(v: number): this {
    this.ensure(8);
    this.buf.writeDoubleBE(v, this.pos);
    this.pos += 8;
    return this;
  }

  /** Unsigned LEB128 of a uint32 (1..5 bytes). */
  unsignedVarint(v: number): this {
    this.ensure(5);
    let u = v >>> 0;
    while (u >= 0x80) {
      this.buf[this.pos++] = (u & 0x7f) | 0x80;
      u >>>= 7;
    }
    this.buf[this.pos++] = u;
    return this;
  }

  /** Zigzag varint of an int32. */
  varint(v: number): this {
    return this.unsignedVarint((v << 1) ^ (v >> 31));
  }

  /** Zigzag varlong of an int64 (bigint exact; number must be a safe integer). */
  varlong(v: bigint | number): this {
    if (typeof v === 'number') {
      // Fast path: small values (the common case: timestamp/offset deltas) stay in int32 math.
      if (v >= -0x4000_0000 && v < 0x4000_0000 && Number.isInteger(v)) return this.varint(v);
      v = BigInt(v);
    }
    let u = BigInt.asUintN(64, (v << 1n) ^ (v >> 63n));
    this.ensure(10);
    while (u >= 0x80n) {
      this.buf[this.pos++] = Number(u & 0x7fn) | 0x80;
      u >>= 7n;
    }
    this.buf[this.pos++] = Number(u);
    return this;
  }

  /** UUID given as base64url (22 chars, how Kafka tooling prints topic ids). */
  uuid(id: string): this {
    this.ensure(16);
    if (id === 'AAAAAAAAAAAAAAAAAAAAAA') {
      UUID_ZERO.copy(this.buf, this.pos);
    } else {
      if (!UUID_CHARS.test(id)) throw new ValidationError(`not a base64url uuid: ${JSON.stringify(id)}`);
      this.buf.write(id, this.pos, 16, 'base64url');
    }
    this.pos += 16;
    return this;
  }

  /** Classic STRING / NULLABLE_STRING: int16 byte length (-1 = null) + UTF-8. */
  string(s: string | null): this {
    if (s === null) return this.int16(-1);
    const len = Buffer.byteLength(s, 'utf8');
    if (len > 0x7fff) throw new ValidationError(`string too long for int16 length: ${len} bytes`);
    this.ensure(2 + len);
    this.buf.writeInt16BE(len, this.pos);
    this.pos += 2;
    this.pos += this.buf.write(s, this.pos, len, 'utf8');
    return this;
  }

  /** COMPACT_STRING: unsigned varint (length + 1) + UTF-8. */
  compactString(s: string): this {
    const len = Buffer.byteLength(s, 'utf8');
    this.unsignedVarint(len + 1);
    this.ensure(len);
    this.pos += this.buf.write(s, this.pos, len, 'utf8');
    return this;
  }

  /** COMPACT_NULLABLE_STRING: 0 = null, else length + 1. */
  compactNullableString(s: string | null): this {
    if (s === null) return this.unsignedVarint(0);
    return this.compactString(s);
  }

  /** BYTES / NULLABLE_BYTES: int32 length (-1 = null) + bytes. */
  bytes(b: Uint8Array | null): this {
    if (b === null) return this.int32(-1);
    this.int32(b.length);
    return this.raw(b);
  }

  /** COMPACT_BYTES: unsigned varint (length + 1) + bytes. */
  compactBytes(b: Uint8Array): this {
    this.unsignedVarint(b.length + 1);
    return this.raw(b);
  }

  /** COMPACT_NULLABLE_BYTES: 0 = null. */
  compactNullableBytes(b: Uint8Array | null): this {
    if (b === null) return this.unsignedVarint(0);
    return this.compactBytes(b);
  }

  /** Record-style bytes (RecordBatch v2): zigzag varint length (-1 = null) + bytes. */
  varintBytes(b: Uint8Array | null): this {
    if (b === null) return this.varint(-1);
    this.varint(b.length);
    return this.raw(b);
  }

  /**
   * Record-style string (RecordBatch v2 keys, values, headers): zigzag varint byte length + UTF-8, written
   * straight from the string. `byteLength` is Buffer.byteLength(s, 'utf8'), which the caller already needed.
   */
  varintUtf8(s: string, byteLength: number): this {
    this.varint(byteLength);
    this.ensure(byteLength);
    this.pos += this.buf.write(s, this.pos, byteLength, 'utf8');
    return this;
  }

  /** ARRAY: int32 count (-1 = null) then each item. */
  array<T>(items: readonly T[] | null, fn: (w: Writer, item: T) => void): this {
    if (items === null) return this.int32(-1);
    this.int32(items.length);
    for (let i = 0; i < items.length; i++) fn(this, items[i] as T);
    return this;
  }

  /** COMPACT_ARRAY: unsigned varint (count + 1), 0 = null, then each item. */
  compactArray<T>(items: readonly T[] | null, fn: (w: Writer, item: T) => void): this {
    if (items === null) return this.unsignedVarint(0);
    this.unsignedVarint(items.length + 1);
    for (let i = 0; i < items.length; i++) fn(this, items[i] as T);
    return this;
  }

  /** Tagged-field section: unsigned varint count, then (tag, size, data) sorted by tag. */
  taggedFields(fields?: readonly TaggedField[]): this {
    if (fields === undefined || fields.length === 0) return this.uint8(0);
    const sorted = [...fields].sort((a, b) => a.tag - b.tag);
    this.unsignedVarint(sorted.length);
    for (const f of sorted) {
      this.unsignedVarint(f.tag);
      this.unsignedVarint(f.data.length);
      this.raw(f.data);
    }
    return this;
  }

  raw(b: Uint8Array): this {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
    return this;
  }

  /** Skip `n` bytes (filled later with the patch methods), returning their position. */
  reserve(n: number): number {
    this.ensure(n);
    const at = this.pos;
    this.pos += n;
    return at;
  }

  /** Overwrite an int32 at an earlier position (size prefixes, batch length). */
  patchInt32(at: number, v: number): this {
    this.buf.writeInt32BE(v, at);
    return this;
  }

  /** Overwrite a uint32 at an earlier position (CRC). */
  patchUInt32(at: number, v: number): this {
    this.buf.writeUInt32BE(v, at);
    return this;
  }

  /** View of bytes written in [start, end) — no copy; valid until the next write that grows the buffer. */
  view(start = 0, end = this.pos): Buffer {
    return this.buf.subarray(start, end);
  }

  /** Everything written, as a view (no copy). Don't keep writing to this Writer after taking it. */
  toBuffer(): Buffer {
    return this.buf.subarray(0, this.pos);
  }

  /** Start over, keeping the allocated buffer (for reuse on a hot path, after the previous result is consumed). */
  reset(): this {
    this.pos = 0;
    return this;
  }
}

/** Bytes Writer.varint(v) writes (zigzag of an int32). */
export function varintSize(v: number): number {
  let u = ((v << 1) ^ (v >> 31)) >>> 0;
  let n = 1;
  while (u >= 0x80) {
    u >>>= 7;
    n++;
  }
  return n;
}

/** Bytes Writer.varlong(v) writes for a safe-integer number. */
export function varlongSize(v: number): number {
  if (v >= -0x4000_0000 && v < 0x4000_0000) return varintSize(v);
  let u = BigInt.asUintN(64, (BigInt(v) << 1n) ^ (BigInt(v) >> 63n));
  let n = 1;
  while (u >= 0x80n) {
    u >>= 7n;
    n++;
  }
  return n;
}
