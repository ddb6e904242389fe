import { describe, expect, it } from 'vitest';
import type { ApiCodec } from '../../src/protocol/api.js';
import {
  decodeRequestFrame,
  decodeResponseFrame,
  encodeRequestFrame,
  encodeResponseFrame,
} from '../../src/protocol/frame.js';
import {
  decodeRequestHeader,
  decodeResponseHeader,
  encodeRequestHeader,
  encodeResponseHeader,
  requestHeaderVersion,
  responseHeaderVersion,
} from '../../src/protocol/header.js';
import { Reader } from '../../src/protocol/reader.js';
import { Writer } from '../../src/protocol/writer.js';

describe('request header', () => {
  it('v1 has no tag buffer, v2 has one', () => {
    const h = { apiKey: 78, apiVersion: 1, correlationId: 7, clientId: 'sharq' };
    const v1 = new Writer();
    encodeRequestHeader(v1, h, 1);
    expect(v1.toBuffer()).toEqual(Buffer.from('004e00010000000700057368617271', 'hex').subarray(0, 15));
    const v2 = new Writer();
    encodeRequestHeader(v2, h, 2);
    expect(v2.offset).toBe(v1.offset + 1);
    expect(decodeRequestHeader(new Reader(Buffer.from(v2.toBuffer())), 2)).toEqual(h);
    expect(decodeRequestHeader(new Reader(Buffer.from(v1.toBuffer())), 1)).toEqual(h);
  });

  it('null client id', () => {
    const w = new Writer();
    encodeRequestHeader(w, { apiKey: 1, apiVersion: 0, correlationId: -5, clientId: null }, 2);
    expect(decodeRequestHeader(new Reader(Buffer.from(w.toBuffer())), 2).clientId).toBeNull();
  });
});

describe('response header', () => {
  it('v0 and v1 round-trip; v1 skips unknown tags', () => {
    const w = new Writer();
    encodeResponseHeader(w, { correlationId: 42 }, 0);
    expect(w.toBuffer()).toEqual(Buffer.from([0, 0, 0, 42]));
    const tagged = new Writer()
      .int32(43)
      .taggedFields([{ tag: 3, data: Buffer.from([1, 2]) }])
      .int8(9);
    const r = new Reader(Buffer.from(tagged.toBuffer()));
    expect(decodeResponseHeader(r, 1)).toEqual({ correlationId: 43 });
    expect(r.readInt8()).toBe(9);
  });

  it('ApiVersions keeps response header v0 even when flexible', () => {
    expect(responseHeaderVersion({ apiKey: 18, flexible: true })).toBe(0);
    expect(responseHeaderVersion({ apiKey: 78, flexible: true })).toBe(1);
    expect(responseHeaderVersion({ apiKey: 1, flexible: false })).toBe(0);
    expect(requestHeaderVersion({ apiKey: 18, flexible: true })).toBe(2);
    expect(requestHeaderVersion({ apiKey: 1, flexible: false })).toBe(1);
  });
});

describe('frames', () => {
  const echo: ApiCodec<number, string> = {
    name: 'Echo',
    apiKey: 99,
    version: 3,
    flexible: true,
    encodeRequest: (w, req) => void w.int32(req),
    decodeRequest: (r) => r.readInt32(),
    encodeResponse: (w, res) => void w.compactString(res),
    decodeResponse: (r) => r.readCompactString(),
  };

  it('size-prefixes request and response frames', () => {
    const req = encodeRequestFrame(echo, 5, 'c', 1234);
    expect(req.readInt32BE(0)).toBe(req.length - 4);
    expect(decodeRequestFrame(echo, req.subarray(4))).toEqual({
      header: { apiKey: 99, apiVersion: 3, correlationId: 5, clientId: 'c' },
      body: 1234,
    });
    const res = encodeResponseFrame(echo, 5, 'ok');
    expect(res.readInt32BE(0)).toBe(res.length - 4);
    expect(decodeResponseFrame(echo, res.subarray(4))).toEqual({ correlationId: 5, body: 'ok' });
  });
});
