/**
 * SaslHandshake v1 (not flexible; v1 means "SASL tokens follow in SaslAuthenticate requests", KIP-152):
 *   SaslHandshakeRequest v1 => Mechanism:STRING
 *   SaslHandshakeResponse v1 => ErrorCode:INT16 [Mechanisms:STRING]
 */
import type { ApiCodec } from '../../api.js';
import type { SaslHandshakeRequest, SaslHandshakeResponse } from './types.js';

export const saslHandshakeV1: ApiCodec<SaslHandshakeRequest, SaslHandshakeResponse> = {
  name: 'SaslHandshake',
  apiKey: 17,
  version: 1,
  flexible: false,
  encodeRequest(w, req) {
    w.string(req.mechanism);
  },
  decodeRequest(r) {
    return { mechanism: r.readString() };
  },
  encodeResponse(w, res) {
    w.int16(res.errorCode).array(res.mechanisms, (w, m) => {
      w.string(m);
    });
  },
  decodeResponse(r) {
    const errorCode = r.readInt16();
    const mechanisms = r.readArray((r) => r.readString());
    return { errorCode, mechanisms };
  },
};
