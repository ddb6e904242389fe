import type { ApiFamily } from '../../api.js';
import type { ListGroupsRequest, ListGroupsResponse } from './types.js';
import { listGroupsV5 } from './v5.js';

export type * from './types.js';
export { listGroupsV5 };

export const listGroupsApi: ApiFamily<ListGroupsRequest, ListGroupsResponse> = {
  name: 'ListGroups',
  apiKey: 16,
  codecs: [listGroupsV5],
};
