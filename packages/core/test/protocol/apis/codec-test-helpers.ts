/** Helpers for the per-version codec tests of the protocol-owned APIs. */
import { expect } from 'vitest';
import { DecodeError } from '../../../src/errors.js';
import type { ApiCodec } from '../../../src/protocol/api.js';
import { Reader } from '../../../src/protocol/reader.js';
import { Writer } from '../../../src/protocol/writer.js';

/** Deterministic distinct topic ids. */
export const uuid = (n: number): string => Buffer.alloc(16, n).toString('base64url');

/** Encode then decode a request and a response: each decodes to what was encoded, every byte consumed. */
export function roundTrip<Req, Res>(codec: ApiCodec<Req, Res>, req: Req, res: Res): void {
  const rq = new Reader(encodeRequest(codec, req));
  expect(codec.decodeRequest(rq)).toEqual(req);
  expect(rq.remaining).toBe(0);
  const rs = new Reader(encodeResponse(codec, res));
  expect(codec.decodeResponse(rs)).toEqual(res);
  expect(rs.remaining).toBe(0);
}

/** Every strict prefix of the encoded response fails with DecodeError (never a RangeError or garbage). */
export function truncationsFail<Req, Res>(codec: ApiCodec<Req, Res>, res: Res): void {
  const bytes = encodeResponse(codec, res);
  for (let cut = 0; cut < bytes.length; cut++) {
    expect(() => codec.decodeResponse(new Reader(bytes.subarray(0, cut)))).toThrow(DecodeError);
  }
}

export function encodeRequest<Req, Res>(codec: ApiCodec<Req, Res>, req: Req): Buffer {
  const w = new Writer();
  codec.encodeRequest(w, req);
  return Buffer.from(w.toBuffer());
}

export function encodeResponse<Req, Res>(codec: ApiCodec<Req, Res>, res: Res): Buffer {
  const w = new Writer();
  codec.encodeResponse(w, res);
  return Buffer.from(w.toBuffer());
}

/** The family's codec for `version` (fails the test if the family lacks it). */
export function codecOf<Req, Res>(
  family: { codecs: readonly ApiCodec<Req, Res>[] },
  version: number,
): ApiCodec<Req, Res> {
  const codec = family.codecs.find((c) => c.version === version);
  if (codec === undefined) throw new Error(`no codec for v${version}`);
  return codec;
}
