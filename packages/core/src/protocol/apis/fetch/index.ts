import type { ApiFamily } from '../../api.js';
import type { FetchRequest, FetchResponse } from './types.js';
import { fetchV13 } from './v13.js';
import { fetchV18 } from './v18.js';

export type * from './types.js';
export { fetchV13, fetchV18 };

/**
 * v13 (topic ids) is served by every Kafka 4.x broker (4.0 serves 4-17); v18 is the highest 4.4 serves.
 * v14-v17 only add follower-side fields (ReplicaState, ReplicaDirectoryId) and the response's NodeEndpoints,
 * none of which a consumer-side sessionless read uses.
 */
export const fetchApi: ApiFamily<FetchRequest, FetchResponse> = {
  name: 'Fetch',
  apiKey: 1,
  codecs: [fetchV13, fetchV18],
};
