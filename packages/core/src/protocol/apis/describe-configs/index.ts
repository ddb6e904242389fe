import type { ApiFamily } from '../../api.js';
import type { DescribeConfigsRequest, DescribeConfigsResponse } from './types.js';
import { describeConfigsV4 } from './v4.js';

export type * from './types.js';
export { describeConfigsV4 };

export const describeConfigsApi: ApiFamily<DescribeConfigsRequest, DescribeConfigsResponse> = {
  name: 'DescribeConfigs',
  apiKey: 32,
  codecs: [describeConfigsV4],
};
