import { describe, expect, it } from 'vitest';
import { incrementalAlterConfigsApi } from '../../../src/protocol/apis/incremental-alter-configs/index.js';
import type { IncrementalAlterConfigsResponse } from '../../../src/protocol/apis/incremental-alter-configs/types.js';
import { codecOf, roundTrip, truncationsFail } from './codec-test-helpers.js';

const fullResponseV1: IncrementalAlterConfigsResponse = {
  throttleTimeMs: 1100034,
  responses: [
    { errorCode: -85, errorMessage: 's13-ü', resourceType: 15, resourceName: 's15-ü' },
    { errorCode: -113, errorMessage: null, resourceType: 18, resourceName: 's18-ü' },
  ],
};

describe('IncrementalAlterConfigs codecs', () => {
  it('covers versions 1 in ascending order under key 44', () => {
    expect(incrementalAlterConfigsApi.apiKey).toBe(44);
    expect(incrementalAlterConfigsApi.codecs.map((c) => c.version)).toEqual([1]);
    for (const c of incrementalAlterConfigsApi.codecs) expect(c.apiKey).toBe(44);
  });

  it('v1: round-trips fully populated request and response', () => {
    roundTrip(
      codecOf(incrementalAlterConfigsApi, 1),
      {
        resources: [
          {
            resourceType: 2,
            resourceName: 's2-ü',
            configs: [
              { name: 's3-ü', configOperation: 5, value: 's5-ü' },
              { name: 's6-ü', configOperation: 8, value: null },
            ],
          },
          { resourceType: 9, resourceName: 's9-ü', configs: [] },
        ],
        validateOnly: false,
      },
      fullResponseV1,
    );
  });

  it('v1: round-trips nulls and empty arrays', () => {
    roundTrip(
      codecOf(incrementalAlterConfigsApi, 1),
      { resources: [], validateOnly: true },
      { throttleTimeMs: 2000061, responses: [] },
    );
  });

  it('v1: every truncation of a response is a DecodeError', () => {
    truncationsFail(codecOf(incrementalAlterConfigsApi, 1), fullResponseV1);
  });
});
