/**
 * Whole frames: `Size:INT32 Header Body`. The client uses these so it never re-derives
 * which header version an API needs.
 */
import type { ApiCodec } from './api.js';
import {
  decodeRequestHeader,
  decodeResponseHeader,
  encodeRequestHeader,
  encodeResponseHeader,
  type RequestHeader,
  requestHeaderVersion,
  responseHeaderVersion,
} from './header.js';
import { Reader } from './reader.js';
import { Writer } from './writer.js';

/** Size-prefixed request frame for `codec` (size = header + body). */
export function encodeRequestFrame<Req>(
  codec: ApiCodec<Req, unknown>,
  correlationId: number,
  clientId: string | null,
  req: Req,
  w: Writer = new Writer(),
): Buffer {
  const sizeAt = w.reserve(4);
  encodeRequestHeader(
    w,
    { apiKey: codec.apiKey, apiVersion: codec.version, correlationId, clientId },
    requestHeaderVersion(codec),
  );
  codec.encodeRequest(w, req);
  w.patchInt32(sizeAt, w.offset - sizeAt - 4);
  return w.view(sizeAt);
}

/**
 * Decode a response body (frame without its size prefix, header included).
 * Returns the correlation id so the caller can match it before trusting the body.
 */
export function decodeResponseFrame<Res>(
  codec: ApiCodec<unknown, Res>,
  frame: Buffer,
): { correlationId: number; body: Res } {
  const r = new Reader(frame);
  const { correlationId } = decodeResponseHeader(r, responseHeaderVersion(codec));
  const body = codec.decodeResponse(r);
  return { correlationId, body };
}

/** Size-prefixed response frame (embedded broker and tests). */
export function encodeResponseFrame<Res>(
  codec: ApiCodec<unknown, Res>,
  correlationId: number,
  res: Res,
  w: Writer = new Writer(),
): Buffer {
  const sizeAt = w.reserve(4);
  encodeResponseHeader(w, { correlationId }, responseHeaderVersion(codec));
  codec.encodeResponse(w, res);
  w.patchInt32(sizeAt, w.offset - sizeAt - 4);
  return w.view(sizeAt);
}

/** Decode a request frame without its size prefix (embedded broker and tests). */
export function decodeRequestFrame<Req>(
  codec: ApiCodec<Req, unknown>,
  frame: Buffer,
): { header: RequestHeader; body: Req } {
  const r = new Reader(frame);
  const header = decodeRequestHeader(r, requestHeaderVersion(codec));
  return { header, body: codec.decodeRequest(r) };
}
