import type { ApiFamily } from '../../api.js';
import type { MetadataRequest, MetadataResponse } from './types.js';
import { metadataV12 } from './v12.js';
import { metadataV13 } from './v13.js';

export type * from './types.js';
export { metadataV12, metadataV13 };

export const metadataApi: ApiFamily<MetadataRequest, MetadataResponse> = {
  name: 'Metadata',
  apiKey: 3,
  codecs: [metadataV12, metadataV13],
};
