/**
 * Request and response headers.
 *
 *   RequestHeader v1 => request_api_key:INT16 request_api_version:INT16 correlation_id:INT32 client_id:NULLABLE_STRING
 *   RequestHeader v2 => v1 fields + TAG_BUFFER            (client_id stays a classic NULLABLE_STRING)
 *   ResponseHeader v0 => correlation_id:INT32
 *   ResponseHeader v1 => correlation_id:INT32 TAG_BUFFER
 *
 * Flexible APIs use request v2 / response v1, except ApiVersions whose response header is always v0
 * (a client must parse it before it knows what the broker speaks).
 */
import type { ApiCodec } from './api.js';
import type { Reader } from './reader.js';
import type { Writer } from './writer.js';

export const API_VERSIONS_KEY = 18;

export interface RequestHeader {
  apiKey: number;
  apiVersion: number;
  correlationId: number;
  clientId: string | null;
}

export interface ResponseHeader {
  correlationId: number;
}

type HeaderInfo = Pick<ApiCodec<unknown, unknown>, 'apiKey' | 'flexible'>;

export function requestHeaderVersion(codec: HeaderInfo): 1 | 2 {
  return codec.flexible ? 2 : 1;
}

export function responseHeaderVersion(codec: HeaderInfo): 0 | 1 {
  return codec.flexible && codec.apiKey !== API_VERSIONS_KEY ? 1 : 0;
}

export function encodeRequestHeader(w: Writer, h: RequestHeader, version: 1 | 2): void {
  w.int16(h.apiKey).int16(h.apiVersion).int32(h.correlationId).string(h.clientId);
  if (version === 2) w.taggedFields();
}

export function decodeRequestHeader(r: Reader, version: 1 | 2): RequestHeader {
  const apiKey = r.readInt16();
  const apiVersion = r.readInt16();
  const correlationId = r.readInt32();
  const clientId = r.readNullableString();
  if (version === 2) r.readTaggedFields();
  return { apiKey, apiVersion, correlationId, clientId };
}

export function encodeResponseHeader(w: Writer, h: ResponseHeader, version: 0 | 1): void {
  w.int32(h.correlationId);
  if (version === 1) w.taggedFields();
}

export function decodeResponseHeader(r: Reader, version: 0 | 1): ResponseHeader {
  const correlationId = r.readInt32();
  if (version === 1) r.readTaggedFields();
  return { correlationId };
}
