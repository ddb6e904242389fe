import type { ApiFamily } from '../../api.js';
import type { ApiVersionsRequest, ApiVersionsResponse } from './types.js';
import { apiVersionsV3 } from './v3.js';
import { apiVersionsV4 } from './v4.js';

export type * from './types.js';
export { apiVersionsV3, apiVersionsV4 };

export const apiVersionsApi: ApiFamily<ApiVersionsRequest, ApiVersionsResponse> = {
  name: 'ApiVersions',
  apiKey: 18,
  codecs: [apiVersionsV3, apiVersionsV4],
};
