import { describe, expect, it } from 'vitest';
import { alterShareGroupOffsetsApi } from '../../../src/protocol/apis/alter-share-group-offsets/index.js';
import type { AlterShareGroupOffsetsResponse } from '../../../src/protocol/apis/alter-share-group-offsets/types.js';
import { codecOf, roundTrip, truncationsFail, uuid } from './codec-test-helpers.js';

const fullResponseV0: AlterShareGroupOffsetsResponse = {
  throttleTimeMs: 800025,
  errorCode: -64,
  errorMessage: 's10-ü',
  responses: [
    {
      topicName: 's11-ü',
      topicId: uuid(12),
      partitions: [
        { partitionIndex: 1300040, errorCode: -99, errorMessage: 's15-ü' },
        { partitionIndex: 1600049, errorCode: -120, errorMessage: null },
      ],
    },
    { topicName: 's18-ü', topicId: uuid(19), partitions: [] },
  ],
};

describe('AlterShareGroupOffsets codecs', () => {
  it('covers versions 0 in ascending order under key 91', () => {
    expect(alterShareGroupOffsetsApi.apiKey).toBe(91);
    expect(alterShareGroupOffsetsApi.codecs.map((c) => c.version)).toEqual([0]);
    for (const c of alterShareGroupOffsetsApi.codecs) expect(c.apiKey).toBe(91);
  });

  it('v0: round-trips fully populated request and response', () => {
    roundTrip(
      codecOf(alterShareGroupOffsetsApi, 0),
      {
        groupId: 's1-ü',
        topics: [
          {
            topicName: 's2-ü',
            partitions: [
              { partitionIndex: 300010, startOffset: 1700000000000004 },
              { partitionIndex: 500016, startOffset: 1700000000000006 },
            ],
          },
          { topicName: 's7-ü', partitions: [] },
        ],
      },
      fullResponseV0,
    );
  });

  it('v0: round-trips nulls and empty arrays', () => {
    roundTrip(
      codecOf(alterShareGroupOffsetsApi, 0),
      { groupId: 's20-ü', topics: [] },
      { throttleTimeMs: 2100064, errorCode: -155, errorMessage: null, responses: [] },
    );
  });

  it('v0: every truncation of a response is a DecodeError', () => {
    truncationsFail(codecOf(alterShareGroupOffsetsApi, 0), fullResponseV0);
  });
});
