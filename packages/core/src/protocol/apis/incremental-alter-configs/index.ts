import type { ApiFamily } from '../../api.js';
import type { IncrementalAlterConfigsRequest, IncrementalAlterConfigsResponse } from './types.js';
import { incrementalAlterConfigsV1 } from './v1.js';

export type * from './types.js';
export { incrementalAlterConfigsV1 };

export const incrementalAlterConfigsApi: ApiFamily<
  IncrementalAlterConfigsRequest,
  IncrementalAlterConfigsResponse
> = {
  name: 'IncrementalAlterConfigs',
  apiKey: 44,
  codecs: [incrementalAlterConfigsV1],
};
