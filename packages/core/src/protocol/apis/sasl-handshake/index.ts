import type { ApiFamily } from '../../api.js';
import type { SaslHandshakeRequest, SaslHandshakeResponse } from './types.js';
import { saslHandshakeV1 } from './v1.js';

export type * from './types.js';
export { saslHandshakeV1 };

export const saslHandshakeApi: ApiFamily<SaslHandshakeRequest, SaslHandshakeResponse> = {
  name: 'SaslHandshake',
  apiKey: 17,
  codecs: [saslHandshakeV1],
};
