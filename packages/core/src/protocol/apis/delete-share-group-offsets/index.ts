import type { ApiFamily } from '../../api.js';
import type { DeleteShareGroupOffsetsRequest, DeleteShareGroupOffsetsResponse } from './types.js';
import { deleteShareGroupOffsetsV0 } from './v0.js';

export type * from './types.js';
export { deleteShareGroupOffsetsV0 };

export const deleteShareGroupOffsetsApi: ApiFamily<
  DeleteShareGroupOffsetsRequest,
  DeleteShareGroupOffsetsResponse
> = {
  name: 'DeleteShareGroupOffsets',
  apiKey: 92,
  codecs: [deleteShareGroupOffsetsV0],
};
