import type { ApiFamily } from '../../api.js';
import type { FetchRequest, FetchResponse } from './types.js';
import { fetchV13 } from './v13.js';
import { fetchV14 } from './v14.js';
import { fetchV15 } from './v15.js';
import { fetchV16 } from './v16.js';
import { fetchV17 } from './v17.js';
import { fetchV18 } from './v18.js';

export type * from './types.js';
export { fetchV13, fetchV14, fetchV15, fetchV16, fetchV17, fetchV18 };

export const fetchApi: ApiFamily<FetchRequest, FetchResponse> = {
  name: 'Fetch',
  apiKey: 1,
  codecs: [fetchV13, fetchV14, fetchV15, fetchV16, fetchV17, fetchV18],
};
