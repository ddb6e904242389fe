import { describe, expect, it } from 'vitest';
import { describeConfigsApi } from '../../../src/protocol/apis/describe-configs/index.js';
import type { DescribeConfigsResponse } from '../../../src/protocol/apis/describe-configs/types.js';
import { codecOf, roundTrip, truncationsFail } from './codec-test-helpers.js';

const fullResponseV4: DescribeConfigsResponse = {
  throttleTimeMs: 900028,
  results: [
    {
      errorCode: -71,
      errorMessage: 's11-ü',
      resourceType: 13,
      resourceName: 's13-ü',
      configs: [
        {
          name: 's14-ü',
          value: 's15-ü',
          readOnly: false,
          configSource: 18,
          isSensitive: false,
          synonyms: [
            { name: 's19-ü', value: 's20-ü', source: 22 },
            { name: 's22-ü', value: null, source: 24 },
          ],
          configType: 25,
          documentation: 's25-ü',
        },
        {
          name: 's26-ü',
          value: null,
          readOnly: true,
          configSource: 29,
          isSensitive: true,
          synonyms: [],
          configType: 31,
          documentation: null,
        },
      ],
    },
    { errorCode: -218, errorMessage: null, resourceType: 33, resourceName: 's33-ü', configs: [] },
  ],
};

describe('DescribeConfigs codecs', () => {
  it('covers versions 4 in ascending order under key 32', () => {
    expect(describeConfigsApi.apiKey).toBe(32);
    expect(describeConfigsApi.codecs.map((c) => c.version)).toEqual([4]);
    for (const c of describeConfigsApi.codecs) expect(c.apiKey).toBe(32);
  });

  it('v4: round-trips fully populated request and response', () => {
    roundTrip(
      codecOf(describeConfigsApi, 4),
      {
        resources: [
          { resourceType: 2, resourceName: 's2-ü', configurationKeys: ['s3-ü', 's4-ü'] },
          { resourceType: 6, resourceName: 's6-ü', configurationKeys: null },
        ],
        includeSynonyms: true,
        includeDocumentation: false,
      },
      fullResponseV4,
    );
  });

  it('v4: round-trips nulls and empty arrays', () => {
    roundTrip(
      codecOf(describeConfigsApi, 4),
      { resources: [], includeSynonyms: false, includeDocumentation: true },
      { throttleTimeMs: 3600109, results: [] },
    );
  });

  it('v4: every truncation of a response is a DecodeError', () => {
    truncationsFail(codecOf(describeConfigsApi, 4), fullResponseV4);
  });
});
