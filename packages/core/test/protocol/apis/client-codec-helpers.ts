import type { ApiCodec } from '../../../src/protocol/api.js';
import { Reader } from '../../../src/protocol/reader.js';
import { Writer } from '../../../src/protocol/writer.js';

/** Encode then decode a request and a response through `codec`, asserting every byte is consumed. */
export function roundTrip<Req, Res>(codec: ApiCodec<Req, Res>, req: Req, res: Res): { req: Req; res: Res } {
  const w1 = new Writer(8);
  codec.encodeRequest(w1, req);
  const r1 = new Reader(Buffer.from(w1.toBuffer()));
  const decodedReq = codec.decodeRequest(r1);
  r1.expectEnd(`${codec.name} v${codec.version} request`);
  const w2 = new Writer(8);
  codec.encodeResponse(w2, res);
  const r2 = new Reader(Buffer.from(w2.toBuffer()));
  const decodedRes = codec.decodeResponse(r2);
  r2.expectEnd(`${codec.name} v${codec.version} response`);
  return { req: decodedReq, res: decodedRes };
}

/** Encoded response bytes (for truncation tests). */
export function encodeResponse<Res>(codec: ApiCodec<unknown, Res>, res: Res): Buffer {
  const w = new Writer(8);
  codec.encodeResponse(w, res);
  return Buffer.from(w.toBuffer());
}
