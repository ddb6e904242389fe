import type { ApiFamily } from '../../api.js';
import type { ShareFetchRequest, ShareFetchResponse } from './types.js';
import { shareFetchV1 } from './v1.js';
import { shareFetchV2 } from './v2.js';

export type * from './types.js';
export { shareFetchV1, shareFetchV2 };

export const shareFetchApi: ApiFamily<ShareFetchRequest, ShareFetchResponse> = {
  name: 'ShareFetch',
  apiKey: 78,
  codecs: [shareFetchV1, shareFetchV2],
};
