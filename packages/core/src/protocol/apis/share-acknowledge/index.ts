import type { ApiFamily } from '../../api.js';
import type { ShareAcknowledgeRequest, ShareAcknowledgeResponse } from './types.js';
import { shareAcknowledgeV1 } from './v1.js';
import { shareAcknowledgeV2 } from './v2.js';

export type * from './types.js';
export { shareAcknowledgeV1, shareAcknowledgeV2 };

export const shareAcknowledgeApi: ApiFamily<ShareAcknowledgeRequest, ShareAcknowledgeResponse> = {
  name: 'ShareAcknowledge',
  apiKey: 79,
  codecs: [shareAcknowledgeV1, shareAcknowledgeV2],
};
