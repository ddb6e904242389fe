import type { ApiFamily } from '../../api.js';
import type { ProduceRequest, ProduceResponse } from './types.js';
import { produceV9 } from './v9.js';

export type * from './types.js';
export { produceV9 };

/**
 * v9 is the first flexible version; Kafka 4.x brokers serve 3-13 (4.2-4.4 included). v10-v12 add only
 * tagged fields (leader hints on NOT_LEADER_OR_FOLLOWER) and broker-side semantics, so v9 is all we need.
 */
export const produceApi: ApiFamily<ProduceRequest, ProduceResponse> = {
  name: 'Produce',
  apiKey: 0,
  codecs: [produceV9],
};
