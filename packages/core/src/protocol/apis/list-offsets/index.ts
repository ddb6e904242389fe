import type { ApiFamily } from '../../api.js';
import type { ListOffsetsRequest, ListOffsetsResponse } from './types.js';
import { listOffsetsV7 } from './v7.js';
import { listOffsetsV8 } from './v8.js';
import { listOffsetsV9 } from './v9.js';
import { listOffsetsV10 } from './v10.js';
import { listOffsetsV11 } from './v11.js';

export type * from './types.js';
export { listOffsetsV7, listOffsetsV8, listOffsetsV9, listOffsetsV10, listOffsetsV11 };

export const listOffsetsApi: ApiFamily<ListOffsetsRequest, ListOffsetsResponse> = {
  name: 'ListOffsets',
  apiKey: 2,
  codecs: [listOffsetsV7, listOffsetsV8, listOffsetsV9, listOffsetsV10, listOffsetsV11],
};
