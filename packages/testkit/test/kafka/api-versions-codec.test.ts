import { describe, expect, it } from 'vitest';
import { decodeApiVersionsResponse, encodeApiVersionsRequest } from '../../src/kafka/api-versions-codec.js';
import { TestkitError } from '../../src/errors.js';

const i16 = (v: number) => {
  const b = Buffer.alloc(2);
  b.writeInt16BE(v);
  return b;
};
const i32 = (v: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(v);
  return b;
};
const i64 = (v: bigint) => {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(v);
  return b;
};
const uvarint = (v: number) => Buffer.from([v]); // all test values are < 128
const compactString = (s: string) => Buffer.concat([uvarint(s.length + 1), Buffer.from(s)]);
const tagged = (tag: number, body: Buffer) => Buffer.concat([uvarint(tag), uvarint(body.length), body]);

/** An ApiVersions v4 response body as a 4.4 broker sends it, with an unknown tag the decoder must skip. */
function brokerResponse(correlationId: number): Buffer {
  const apiKeys = [
    [18, 0, 4],
    [76, 1, 1],
    [78, 1, 2],
  ];
  return Buffer.concat([
    i32(correlationId),
    i16(0),
    uvarint(apiKeys.length + 1),
    ...apiKeys.map(([key, min, max]) => Buffer.concat([i16(key!), i16(min!), i16(max!), uvarint(0)])),
    i32(0),
    uvarint(5),
    tagged(0, Buffer.concat([uvarint(2), compactString('share.version'), i16(0), i16(2), uvarint(0)])),
    tagged(1, i64(7n)),
    tagged(
      2,
      Buffer.concat([
        uvarint(3),
        compactString('share.version'),
        i16(2),
        i16(1),
        uvarint(0),
        compactString('metadata.version'),
        i16(33),
        i16(1),
        uvarint(0),
      ]),
    ),
    tagged(3, Buffer.from([0])),
    tagged(9, Buffer.from([1, 2, 3])),
  ]);
}

describe('encodeApiVersionsRequest', () => {
  it('frames an ApiVersions v4 request with header v2 and the client software fields', () => {
    const frame = encodeApiVersionsRequest(42, 'probe');
    expect(frame.readInt32BE(0)).toBe(frame.length - 4);
    expect(frame.readInt16BE(4)).toBe(18);
    expect(frame.readInt16BE(6)).toBe(4);
    expect(frame.readInt32BE(8)).toBe(42);
    expect(frame.readInt16BE(12)).toBe(5);
    expect(frame.toString('utf8', 14, 19)).toBe('probe');
    expect(frame[19]).toBe(0); // header tagged fields
    expect(frame[20]).toBe('sharq-testkit'.length + 1);
    expect(frame[frame.length - 1]).toBe(0); // body tagged fields
  });
});

describe('decodeApiVersionsResponse', () => {
  it('reads api keys, supported and finalized features and skips unknown tags', () => {
    const { correlationId, answer } = decodeApiVersionsResponse(brokerResponse(9));
    expect(correlationId).toBe(9);
    expect(answer.errorCode).toBe(0);
    expect(answer.apiKeys).toEqual([
      { apiKey: 18, minVersion: 0, maxVersion: 4 },
      { apiKey: 76, minVersion: 1, maxVersion: 1 },
      { apiKey: 78, minVersion: 1, maxVersion: 2 },
    ]);
    expect(answer.supportedFeatures).toEqual([{ name: 'share.version', minVersion: 0, maxVersion: 2 }]);
    expect(answer.finalizedFeaturesEpoch).toBe(7);
    expect(answer.finalizedFeatures).toEqual({ 'share.version': 2, 'metadata.version': 33 });
  });

  it('throws a TestkitError (not a RangeError) on a truncated answer', () => {
    const full = brokerResponse(1);
    for (const cut of [3, 10, 20, full.length - 6]) {
      expect(() => decodeApiVersionsResponse(full.subarray(0, cut))).toThrow(TestkitError);
    }
  });
});
