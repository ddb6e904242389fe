import type { ApiFamily } from '../../api.js';
import type { ShareGroupHeartbeatRequest, ShareGroupHeartbeatResponse } from './types.js';
import { shareGroupHeartbeatV1 } from './v1.js';

export type * from './types.js';
export { shareGroupHeartbeatV1 };

export const shareGroupHeartbeatApi: ApiFamily<ShareGroupHeartbeatRequest, ShareGroupHeartbeatResponse> = {
  name: 'ShareGroupHeartbeat',
  apiKey: 76,
  codecs: [shareGroupHeartbeatV1],
};
