import { describe, expect, it } from 'vitest';
import { DecodeError, ValidationError } from '../../src/errors.js';
import { Reader } from '../../src/protocol/reader.js';
import { Writer } from '../../src/protocol/writer.js';

function roundTrip<T>(write: (w: Writer) => void, read: (r: Reader) => T): { bytes: Buffer; value: T } {
  const w = new Writer(16);
  write(w);
  const bytes = Buffer.from(w.toBuffer());
  const r = new Reader(bytes);
  const value = read(r);
  expect(r.remaining).toBe(0);
  return { bytes, value };
}

describe('fixed-width integers', () => {
  it('round-trips edge values', () => {
    for (const v of [0, 1, -1, 127, -128])
      expect(
        roundTrip(
          (w) => w.int8(v),
          (r) => r.readInt8(),
        ).value,
      ).toBe(v);
    for (const v of [0, -1, 32767, -32768])
      expect(
        roundTrip(
          (w) => w.int16(v),
          (r) => r.readInt16(),
        ).value,
      ).toBe(v);
    for (const v of [0, -1, 2147483647, -2147483648])
      expect(
        roundTrip(
          (w) => w.int32(v),
          (r) => r.readInt32(),
        ).value,
      ).toBe(v);
    for (const v of [0, 4294967295])
      expect(
        roundTrip(
          (w) => w.uint32(v),
          (r) => r.readUInt32(),
        ).value,
      ).toBe(v);
    expect(
      roundTrip(
        (w) => w.float64(1.5e-300),
        (r) => r.readFloat64(),
      ).value,
    ).toBe(1.5e-300);
    expect(
      roundTrip(
        (w) => w.bool(true).bool(false),
        (r) => [r.readBool(), r.readBool()],
      ).value,
    ).toEqual([true, false]);
  });

  it('writes int64 from numbers and bigints, big-endian', () => {
    for (const v of [0, -1, 1, 2 ** 32, -(2 ** 32) - 5, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]) {
      const { bytes, value } = roundTrip(
        (w) => w.int64(v),
        (r) => r.readInt64(),
      );
      expect(value).toBe(v);
      expect(bytes.readBigInt64BE(0)).toBe(BigInt(v));
    }
    for (const v of [2n ** 63n - 1n, -(2n ** 63n), -1n]) {
      expect(
        roundTrip(
          (w) => w.int64(v),
          (r) => r.readInt64Big(),
        ).value,
      ).toBe(v);
    }
  });
});

describe('varints', () => {
  it('encodes unsigned varints per the spec', () => {
    expect(
      roundTrip(
        (w) => w.unsignedVarint(0),
        (r) => r.readUnsignedVarint(),
      ).bytes,
    ).toEqual(Buffer.from([0]));
    expect(
      roundTrip(
        (w) => w.unsignedVarint(300),
        (r) => r.readUnsignedVarint(),
      ).bytes,
    ).toEqual(Buffer.from([0xac, 0x02]));
    const max = roundTrip(
      (w) => w.unsignedVarint(0xffffffff),
      (r) => r.readUnsignedVarint(),
    );
    expect(max.value).toBe(0xffffffff);
    expect(max.bytes).toEqual(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f]));
  });

  it('zigzags signed varints (negatives are small)', () => {
    expect(
      roundTrip(
        (w) => w.varint(-1),
        (r) => r.readVarint(),
      ).bytes,
    ).toEqual(Buffer.from([1]));
    expect(
      roundTrip(
        (w) => w.varint(1),
        (r) => r.readVarint(),
      ).bytes,
    ).toEqual(Buffer.from([2]));
    expect(
      roundTrip(
        (w) => w.varint(-64),
        (r) => r.readVarint(),
      ).bytes,
    ).toEqual(Buffer.from([0x7f]));
    for (const v of [0, -1, 1, 63, -64, 64, 2147483647, -2147483648]) {
      expect(
        roundTrip(
          (w) => w.varint(v),
          (r) => r.readVarint(),
        ).value,
      ).toBe(v);
    }
  });

  it('round-trips varlongs as numbers and as bigints, including int64 extremes', () => {
    const nums = [
      0,
      -1,
      1,
      2 ** 31,
      -(2 ** 31) - 1,
      2 ** 40 + 7,
      -(2 ** 45),
      Date.now(),
      Number.MAX_SAFE_INTEGER,
    ];
    for (const v of [...nums, Number.MIN_SAFE_INTEGER]) {
      expect(
        roundTrip(
          (w) => w.varlong(v),
          (r) => r.readVarlong(),
        ).value,
      ).toBe(v);
      expect(
        roundTrip(
          (w) => w.varlong(v),
          (r) => r.readVarlongBig(),
        ).value,
      ).toBe(BigInt(v));
    }
    const maxI64 = roundTrip(
      (w) => w.varlong(2n ** 63n - 1n),
      (r) => r.readVarlongBig(),
    );
    expect(maxI64.value).toBe(2n ** 63n - 1n);
    expect(maxI64.bytes).toEqual(Buffer.from([0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]));
    const minI64 = roundTrip(
      (w) => w.varlong(-(2n ** 63n)),
      (r) => r.readVarlongBig(),
    );
    expect(minI64.value).toBe(-(2n ** 63n));
    expect(minI64.bytes).toEqual(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]));
  });

  it('rejects over-long and truncated varints with DecodeError', () => {
    expect(() => new Reader(Buffer.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x01])).readUnsignedVarint()).toThrow(
      DecodeError,
    );
    expect(() => new Reader(Buffer.from([0x80])).readVarint()).toThrow(DecodeError);
    expect(() => new Reader(Buffer.alloc(11, 0x80)).readVarlong()).toThrow(DecodeError);
    expect(() => new Reader(Buffer.alloc(11, 0x80)).readVarlongBig()).toThrow(DecodeError);
    expect(() => new Reader(Buffer.from([0xff, 0xff])).readVarlong()).toThrow(DecodeError);
  });
});

describe('strings and bytes', () => {
  it('round-trips classic and compact strings, including null and multi-byte UTF-8', () => {
    for (const s of ['', 'a', 'héllo ✓ 🚀']) {
      expect(
        roundTrip(
          (w) => w.string(s),
          (r) => r.readString(),
        ).value,
      ).toBe(s);
      expect(
        roundTrip(
          (w) => w.compactString(s),
          (r) => r.readCompactString(),
        ).value,
      ).toBe(s);
      expect(
        roundTrip(
          (w) => w.compactNullableString(s),
          (r) => r.readCompactNullableString(),
        ).value,
      ).toBe(s);
    }
    expect(
      roundTrip(
        (w) => w.string(null),
        (r) => r.readNullableString(),
      ).bytes,
    ).toEqual(Buffer.from([0xff, 0xff]));
    const cn = roundTrip(
      (w) => w.compactNullableString(null),
      (r) => r.readCompactNullableString(),
    );
    expect(cn.value).toBeNull();
    expect(cn.bytes).toEqual(Buffer.from([0]));
    expect(
      roundTrip(
        (w) => w.compactString(''),
        (r) => r.readCompactString(),
      ).bytes,
    ).toEqual(Buffer.from([1]));
  });

  it('refuses null where a non-nullable string is required', () => {
    expect(() => new Reader(Buffer.from([0xff, 0xff])).readString()).toThrow(DecodeError);
    expect(() => new Reader(Buffer.from([0])).readCompactString()).toThrow(DecodeError);
  });

  it('round-trips bytes in every form, returning views of the input', () => {
    const b = Buffer.from([1, 2, 3]);
    expect(
      roundTrip(
        (w) => w.bytes(b),
        (r) => r.readBytes(),
      ).value,
    ).toEqual(b);
    expect(
      roundTrip(
        (w) => w.bytes(null),
        (r) => r.readNullableBytes(),
      ).value,
    ).toBeNull();
    expect(
      roundTrip(
        (w) => w.compactBytes(b),
        (r) => r.readCompactBytes(),
      ).value,
    ).toEqual(b);
    expect(
      roundTrip(
        (w) => w.compactNullableBytes(null),
        (r) => r.readCompactNullableBytes(),
      ).value,
    ).toBeNull();
    expect(
      roundTrip(
        (w) => w.compactNullableBytes(b),
        (r) => r.readCompactNullableBytes(),
      ).value,
    ).toEqual(b);
    expect(
      roundTrip(
        (w) => w.varintBytes(null),
        (r) => r.readVarintBytes(),
      ).value,
    ).toBeNull();
    const { bytes, value } = roundTrip(
      (w) => w.varintBytes(b),
      (r) => r.readVarintBytes(),
    );
    expect(value?.buffer).toBe(bytes.buffer);
  });

  it('checks declared lengths against the remaining bytes', () => {
    expect(() => new Reader(Buffer.from([0x7f, 0xff, 0xff, 0xff, 1])).readBytes()).toThrow(DecodeError);
    expect(() => new Reader(Buffer.from([0x00, 0x05, 0x61])).readString()).toThrow(DecodeError);
    expect(() => new Reader(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f])).readCompactBytes()).toThrow(
      DecodeError,
    );
    expect(() => new Reader(Buffer.from([0x0a])).readVarintBytes()).toThrow(/truncated/);
    expect(() => new Reader(Buffer.from([0x03])).readVarintBytes()).toThrow(DecodeError); // -2
    expect(() => new Reader(Buffer.from('abc')).readUtf8(-1)).toThrow(DecodeError);
    expect(() => new Reader(Buffer.from('abc')).readUtf8(4)).toThrow(DecodeError);
    expect(new Reader(Buffer.from('héllo')).readUtf8(6)).toBe('héllo');
  });
});

describe('uuid', () => {
  it('maps 16 bytes to 22-char base64url and back', () => {
    const raw = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
    const id = new Reader(raw).readUuid();
    expect(id).toHaveLength(22);
    expect(id).toBe(raw.toString('base64url'));
    expect(
      roundTrip(
        (w) => w.uuid(id),
        (r) => r.readRaw(16),
      ).value,
    ).toEqual(raw);
    const zero = 'AAAAAAAAAAAAAAAAAAAAAA';
    expect(
      roundTrip(
        (w) => w.uuid(zero),
        (r) => r.readUuid(),
      ).bytes,
    ).toEqual(Buffer.alloc(16));
    const withUrlChars = Buffer.alloc(16, 0xff).toString('base64url');
    expect(withUrlChars).toMatch(/_/);
    expect(
      roundTrip(
        (w) => w.uuid(withUrlChars),
        (r) => r.readUuid(),
      ).value,
    ).toBe(withUrlChars);
  });

  it('rejects strings that are not a base64url uuid', () => {
    expect(() => new Writer().uuid('too-short')).toThrow(ValidationError);
    expect(() => new Writer().uuid('AAAAAAAAAAAAAAAAAAAAA+')).toThrow(ValidationError);
  });
});

describe('arrays', () => {
  it('round-trips classic and compact arrays, null included', () => {
    const items = [1, -2, 3];
    const enc = (w: Writer, v: number) => void w.int32(v);
    const dec = (r: Reader) => r.readInt32();
    expect(
      roundTrip(
        (w) => w.array(items, enc),
        (r) => r.readArray(dec),
      ).value,
    ).toEqual(items);
    expect(
      roundTrip(
        (w) => w.array(null, enc),
        (r) => r.readNullableArray(dec),
      ).value,
    ).toBeNull();
    expect(
      roundTrip(
        (w) => w.compactArray(items, enc),
        (r) => r.readCompactArray(dec),
      ).value,
    ).toEqual(items);
    expect(
      roundTrip(
        (w) => w.compactArray([], enc),
        (r) => r.readCompactArray(dec),
      ).value,
    ).toEqual([]);
    expect(
      roundTrip(
        (w) => w.compactArray(null, enc),
        (r) => r.readCompactNullableArray(dec),
      ).value,
    ).toBeNull();
  });

  it('refuses counts larger than the remaining bytes before allocating', () => {
    const dec = (r: Reader) => r.readInt8();
    expect(() => new Reader(Buffer.from([0x7f, 0xff, 0xff, 0xff])).readArray(dec)).toThrow(/exceeds/);
    expect(() => new Reader(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f])).readCompactArray(dec)).toThrow(
      /exceeds/,
    );
    expect(() => new Reader(Buffer.from([0xff, 0xff, 0xff, 0xff])).readArray(dec)).toThrow(DecodeError);
    expect(() => new Reader(Buffer.from([0])).readCompactArray(dec)).toThrow(DecodeError);
  });
});

describe('tagged fields', () => {
  it('writes an empty section as one zero byte', () => {
    expect(
      roundTrip(
        (w) => w.taggedFields(),
        (r) => r.readTaggedFields(),
      ).bytes,
    ).toEqual(Buffer.from([0]));
  });

  it('hands known tags to the handler and skips unknown ones', () => {
    const seen: [number, number][] = [];
    const { bytes } = roundTrip(
      (w) =>
        w
          .taggedFields([
            { tag: 7, data: Buffer.from([9, 9, 9]) },
            { tag: 0, data: Buffer.from([0, 0, 0, 42]) },
          ])
          .int8(5),
      (r) => {
        r.readTaggedFields((tag, sub) => {
          if (tag === 0) seen.push([tag, sub.readInt32()]);
        });
        return r.readInt8();
      },
    );
    expect(seen).toEqual([[0, 42]]);
    // Sorted by tag on the wire: count 2, tag 0 first.
    expect([...bytes.subarray(0, 3)]).toEqual([2, 0, 4]);
  });

  it('sub-readers cannot read past their tag payload', () => {
    const w = new Writer().taggedFields([{ tag: 1, data: Buffer.from([1]) }]).int32(99);
    const r = new Reader(Buffer.from(w.toBuffer()));
    expect(() => r.readTaggedFields((_tag, sub) => sub.readInt32())).toThrow(DecodeError);
  });

  it('refuses a tagged field larger than the remaining bytes', () => {
    expect(() => new Reader(Buffer.from([1, 0, 10, 1])).readTaggedFields()).toThrow(DecodeError);
  });
});

describe('bounds', () => {
  it('every fixed-width read past the end is a DecodeError, not a RangeError', () => {
    const empty = () => new Reader(Buffer.alloc(0));
    const reads: ((r: Reader) => unknown)[] = [
      (r) => r.readInt8(),
      (r) => r.readUInt8(),
      (r) => r.readBool(),
      (r) => r.readInt16(),
      (r) => r.readUInt16(),
      (r) => r.readInt32(),
      (r) => r.readUInt32(),
      (r) => r.readInt64(),
      (r) => r.readInt64Big(),
      (r) => r.readFloat64(),
      (r) => r.readUuid(),
      (r) => r.readUnsignedVarint(),
      (r) => r.readVarlong(),
      (r) => r.readRaw(1),
      (r) => r.readTaggedFields(),
    ];
    for (const read of reads) expect(() => read(empty())).toThrow(DecodeError);
    expect(() => new Reader(Buffer.alloc(4), 2, 4).readInt32()).toThrow(DecodeError);
    expect(() => new Reader(Buffer.alloc(4), 0, 8)).toThrow(DecodeError);
  });

  it('expectEnd flags trailing bytes', () => {
    const r = new Reader(Buffer.from([1, 2]));
    r.readInt8();
    expect(() => r.expectEnd('x')).toThrow(DecodeError);
    r.readInt8();
    r.expectEnd('x');
  });
});

describe('Writer growth and patching', () => {
  it('grows past its initial capacity and keeps earlier bytes', () => {
    const w = new Writer(16);
    const at = w.reserve(4);
    for (let i = 0; i < 1000; i++) w.int32(i);
    w.patchInt32(at, 4000);
    const r = new Reader(Buffer.from(w.toBuffer()));
    expect(r.readInt32()).toBe(4000);
    for (let i = 0; i < 1000; i++) expect(r.readInt32()).toBe(i);
  });

  it('reset reuses the buffer', () => {
    const w = new Writer();
    w.int32(1);
    w.reset().int8(2);
    expect(w.toBuffer()).toEqual(Buffer.from([2]));
  });
});
