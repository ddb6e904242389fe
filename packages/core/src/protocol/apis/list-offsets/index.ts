import type { ApiFamily } from '../../api.js';
import type { ListOffsetsRequest, ListOffsetsResponse } from './types.js';
import { listOffsetsV7 } from './v7.js';
import { listOffsetsV11 } from './v11.js';

export type * from './types.js';
export { listOffsetsV7, listOffsetsV11 };

/**
 * v7 is served by every Kafka 2.8+ broker (so every 4.x); v11 is the highest 4.4 serves. Sharq asks only
 * for earliest (-2) / latest (-1), which every version answers the same way, so v8-v10 add nothing.
 */
export const listOffsetsApi: ApiFamily<ListOffsetsRequest, ListOffsetsResponse> = {
  name: 'ListOffsets',
  apiKey: 2,
  codecs: [listOffsetsV7, listOffsetsV11],
};
