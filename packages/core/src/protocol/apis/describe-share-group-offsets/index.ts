import type { ApiFamily } from '../../api.js';
import type { DescribeShareGroupOffsetsRequest, DescribeShareGroupOffsetsResponse } from './types.js';
import { describeShareGroupOffsetsV0 } from './v0.js';
import { describeShareGroupOffsetsV1 } from './v1.js';

export type * from './types.js';
export { describeShareGroupOffsetsV0, describeShareGroupOffsetsV1 };

export const describeShareGroupOffsetsApi: ApiFamily<
  DescribeShareGroupOffsetsRequest,
  DescribeShareGroupOffsetsResponse
> = {
  name: 'DescribeShareGroupOffsets',
  apiKey: 90,
  codecs: [describeShareGroupOffsetsV0, describeShareGroupOffsetsV1],
};
