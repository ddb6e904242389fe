import type { ApiFamily } from '../../api.js';
import type { InitProducerIdRequest, InitProducerIdResponse } from './types.js';
import { initProducerIdV2 } from './v2.js';

export type * from './types.js';
export { initProducerIdV2 };

/**
 * v2 is the first flexible version, served by every Kafka 4.x broker. v3+ add ProducerId / ProducerEpoch to
 * the request (epoch bumps, KIP-360) and v6 two-phase commit (KIP-939), neither of which Sharq uses.
 */
export const initProducerIdApi: ApiFamily<InitProducerIdRequest, InitProducerIdResponse> = {
  name: 'InitProducerId',
  apiKey: 22,
  codecs: [initProducerIdV2],
};
