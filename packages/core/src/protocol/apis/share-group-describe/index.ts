import type { ApiFamily } from '../../api.js';
import type { ShareGroupDescribeRequest, ShareGroupDescribeResponse } from './types.js';
import { shareGroupDescribeV1 } from './v1.js';

export type * from './types.js';
export { shareGroupDescribeV1 };

export const shareGroupDescribeApi: ApiFamily<ShareGroupDescribeRequest, ShareGroupDescribeResponse> = {
  name: 'ShareGroupDescribe',
  apiKey: 77,
  codecs: [shareGroupDescribeV1],
};
