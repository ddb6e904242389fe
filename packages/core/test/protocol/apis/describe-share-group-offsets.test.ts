import { describe, expect, it } from 'vitest';
import { describeShareGroupOffsetsApi } from '../../../src/protocol/apis/describe-share-group-offsets/index.js';
import type {
  DescribeShareGroupOffsetsRequest,
  DescribeShareGroupOffsetsResponse,
} from '../../../src/protocol/apis/describe-share-group-offsets/types.js';
import { Reader } from '../../../src/protocol/reader.js';
import { codecOf, encodeResponse, roundTrip, truncationsFail, uuid } from './codec-test-helpers.js';

const VERSIONS = [0, 1] as const;

const fullRequest: DescribeShareGroupOffsetsRequest = {
  groups: [
    {
      groupId: 's1-ü',
      topics: [
        { topicName: 's2-ü', partitions: [300010, 400013] },
        { topicName: 's5-ü', partitions: [] },
      ],
    },
    { groupId: 's6-ü', topics: null },
  ],
};

/** v1 adds each partition's Lag. */
function fullResponse(version: number): DescribeShareGroupOffsetsResponse {
  return {
    throttleTimeMs: 700022,
    groups: [
      {
        groupId: 's8-ü',
        topics: [
          {
            topicName: 's9-ü',
            topicId: uuid(10),
            partitions: [
              {
                partitionIndex: 1100034,
                startOffset: 1700000000000012,
                leaderEpoch: 1300040,
                ...(version >= 1 ? { lag: 1700000000000014 } : {}),
                errorCode: -99,
                errorMessage: 's15-ü',
              },
              {
                partitionIndex: 1600049,
                startOffset: 1700000000000017,
                leaderEpoch: 1800055,
                ...(version >= 1 ? { lag: -1 } : {}),
                errorCode: -134,
                errorMessage: null,
              },
            ],
          },
          { topicName: 's20-ü', topicId: uuid(21), partitions: [] },
        ],
        errorCode: -155,
        errorMessage: 's23-ü',
      },
      { groupId: 's24-ü', topics: [], errorCode: -176, errorMessage: null },
    ],
  };
}

describe('DescribeShareGroupOffsets codecs', () => {
  it('covers versions 0, 1 in ascending order under key 90', () => {
    expect(describeShareGroupOffsetsApi.apiKey).toBe(90);
    expect(describeShareGroupOffsetsApi.codecs.map((c) => c.version)).toEqual([...VERSIONS]);
    for (const c of describeShareGroupOffsetsApi.codecs) expect(c.apiKey).toBe(90);
  });

  describe.each(VERSIONS)('v%i', (version) => {
    const codec = codecOf(describeShareGroupOffsetsApi, version);

    it('round-trips fully populated request and response', () => {
      roundTrip(codec, fullRequest, fullResponse(version));
    });

    it('round-trips nulls and empty arrays', () => {
      roundTrip(codec, { groups: [] }, { throttleTimeMs: 2600079, groups: [] });
    });

    it('every truncation of a response is a DecodeError', () => {
      truncationsFail(codec, fullResponse(version));
    });
  });

  it('v0 leaves out the v1-only Lag', () => {
    const v0 = codecOf(describeShareGroupOffsetsApi, 0);
    expect(encodeResponse(v0, fullResponse(1))).toEqual(encodeResponse(v0, fullResponse(0)));
    const decoded = v0.decodeResponse(new Reader(encodeResponse(v0, fullResponse(1))));
    expect(decoded.groups[0]?.topics[0]?.partitions[0]).not.toHaveProperty('lag');
  });

  it('v1 writes an unset Lag as -1 (unknown)', () => {
    const v1 = codecOf(describeShareGroupOffsetsApi, 1);
    const decoded = v1.decodeResponse(new Reader(encodeResponse(v1, fullResponse(0))));
    expect(decoded.groups[0]?.topics[0]?.partitions[0]?.lag).toBe(-1);
  });
});
