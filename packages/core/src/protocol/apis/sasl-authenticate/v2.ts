/**
 * SaslAuthenticate v2 (flexible):
 *   SaslAuthenticateRequest v2 => AuthBytes:COMPACT_BYTES TAG_BUFFER
 *   SaslAuthenticateResponse v2 => ErrorCode:INT16 ErrorMessage:COMPACT_NULLABLE_STRING AuthBytes:COMPACT_BYTES
 *                                  SessionLifetimeMs:INT64 TAG_BUFFER
 */
import type { ApiCodec } from '../../api.js';
import type { SaslAuthenticateRequest, SaslAuthenticateResponse } from './types.js';

export const saslAuthenticateV2: ApiCodec<SaslAuthenticateRequest, SaslAuthenticateResponse> = {
  name: 'SaslAuthenticate',
  apiKey: 36,
  version: 2,
  flexible: true,
  encodeRequest(w, req) {
    w.compactBytes(req.authBytes).taggedFields();
  },
  decodeRequest(r) {
    const authBytes = r.readCompactBytes();
    r.readTaggedFields();
    return { authBytes };
  },
  encodeResponse(w, res) {
    w.int16(res.errorCode).compactNullableString(res.errorMessage).compactBytes(res.authBytes);
    w.int64(res.sessionLifetimeMs).taggedFields();
  },
  decodeResponse(r) {
    const errorCode = r.readInt16();
    const errorMessage = r.readCompactNullableString();
    const authBytes = r.readCompactBytes();
    const sessionLifetimeMs = r.readInt64();
    r.readTaggedFields();
    return { errorCode, errorMessage, authBytes, sessionLifetimeMs };
  },
};
