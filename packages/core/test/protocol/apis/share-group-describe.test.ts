import { describe, expect, it } from 'vitest';
import { shareGroupDescribeApi } from '../../../src/protocol/apis/share-group-describe/index.js';
import type { ShareGroupDescribeResponse } from '../../../src/protocol/apis/share-group-describe/types.js';
import { codecOf, roundTrip, truncationsFail, uuid } from './codec-test-helpers.js';

const fullResponseV1: ShareGroupDescribeResponse = {
  throttleTimeMs: 400013,
  groups: [
    {
      errorCode: -36,
      errorMessage: 's6-ü',
      groupId: 's7-ü',
      groupState: 's8-ü',
      groupEpoch: 900028,
      assignmentEpoch: 1000031,
      assignorName: 's11-ü',
      members: [
        {
          memberId: 's12-ü',
          rackId: 's13-ü',
          memberEpoch: 1400043,
          clientId: 's15-ü',
          clientHost: 's16-ü',
          subscribedTopicNames: ['s17-ü', 's18-ü'],
          assignment: {
            topicPartitions: [
              { topicId: uuid(19), topicName: 's20-ü', partitions: [2100064, 2200067] },
              { topicId: uuid(23), topicName: 's24-ü', partitions: [] },
            ],
          },
        },
        {
          memberId: 's25-ü',
          rackId: null,
          memberEpoch: 2600079,
          clientId: 's27-ü',
          clientHost: 's28-ü',
          subscribedTopicNames: [],
          assignment: { topicPartitions: [] },
        },
      ],
      authorizedOperations: 2900088,
    },
    {
      errorCode: -211,
      errorMessage: null,
      groupId: 's31-ü',
      groupState: 's32-ü',
      groupEpoch: 3300100,
      assignmentEpoch: 3400103,
      assignorName: 's35-ü',
      members: [],
      authorizedOperations: 3600109,
    },
  ],
};

describe('ShareGroupDescribe codecs', () => {
  it('covers versions 1 in ascending order under key 77', () => {
    expect(shareGroupDescribeApi.apiKey).toBe(77);
    expect(shareGroupDescribeApi.codecs.map((c) => c.version)).toEqual([1]);
    for (const c of shareGroupDescribeApi.codecs) expect(c.apiKey).toBe(77);
  });

  it('v1: round-trips fully populated request and response', () => {
    roundTrip(
      codecOf(shareGroupDescribeApi, 1),
      { groupIds: ['s1-ü', 's2-ü'], includeAuthorizedOperations: true },
      fullResponseV1,
    );
  });

  it('v1: round-trips nulls and empty arrays', () => {
    roundTrip(
      codecOf(shareGroupDescribeApi, 1),
      { groupIds: [], includeAuthorizedOperations: true },
      { throttleTimeMs: 3800115, groups: [] },
    );
  });

  it('v1: every truncation of a response is a DecodeError', () => {
    truncationsFail(codecOf(shareGroupDescribeApi, 1), fullResponseV1);
  });
});
