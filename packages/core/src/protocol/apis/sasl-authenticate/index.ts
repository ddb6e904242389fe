import type { ApiFamily } from '../../api.js';
import type { SaslAuthenticateRequest, SaslAuthenticateResponse } from './types.js';
import { saslAuthenticateV2 } from './v2.js';

export type * from './types.js';
export { saslAuthenticateV2 };

export const saslAuthenticateApi: ApiFamily<SaslAuthenticateRequest, SaslAuthenticateResponse> = {
  name: 'SaslAuthenticate',
  apiKey: 36,
  codecs: [saslAuthenticateV2],
};
