import type { ApiFamily } from '../../api.js';
import type { AlterShareGroupOffsetsRequest, AlterShareGroupOffsetsResponse } from './types.js';
import { alterShareGroupOffsetsV0 } from './v0.js';

export type * from './types.js';
export { alterShareGroupOffsetsV0 };

export const alterShareGroupOffsetsApi: ApiFamily<
  AlterShareGroupOffsetsRequest,
  AlterShareGroupOffsetsResponse
> = {
  name: 'AlterShareGroupOffsets',
  apiKey: 91,
  codecs: [alterShareGroupOffsetsV0],
};
