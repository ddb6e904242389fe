import type { ApiFamily } from '../../api.js';
import type { FindCoordinatorRequest, FindCoordinatorResponse } from './types.js';
import { findCoordinatorV4 } from './v4.js';
import { findCoordinatorV5 } from './v5.js';
import { findCoordinatorV6 } from './v6.js';

export * from './types.js';
export { findCoordinatorV4, findCoordinatorV5, findCoordinatorV6 };

export const findCoordinatorApi: ApiFamily<FindCoordinatorRequest, FindCoordinatorResponse> = {
  name: 'FindCoordinator',
  apiKey: 10,
  codecs: [findCoordinatorV4, findCoordinatorV5, findCoordinatorV6],
};
