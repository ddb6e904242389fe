import { describe, expect, it } from 'vitest';
import { shareGroupHeartbeatApi } from '../../../src/protocol/apis/share-group-heartbeat/index.js';
import type { ShareGroupHeartbeatResponse } from '../../../src/protocol/apis/share-group-heartbeat/types.js';
import { codecOf, roundTrip, truncationsFail, uuid } from './codec-test-helpers.js';

const fullResponseV1: ShareGroupHeartbeatResponse = {
  throttleTimeMs: 700022,
  errorCode: -57,
  errorMessage: 's9-ü',
  memberId: 's10-ü',
  memberEpoch: 1100034,
  heartbeatIntervalMs: 1200037,
  assignment: {
    topicPartitions: [
      { topicId: uuid(13), partitions: [1400043, 1500046] },
      { topicId: uuid(16), partitions: [] },
    ],
  },
};

describe('ShareGroupHeartbeat codecs', () => {
  it('covers versions 1 in ascending order under key 76', () => {
    expect(shareGroupHeartbeatApi.apiKey).toBe(76);
    expect(shareGroupHeartbeatApi.codecs.map((c) => c.version)).toEqual([1]);
    for (const c of shareGroupHeartbeatApi.codecs) expect(c.apiKey).toBe(76);
  });

  it('v1: round-trips fully populated request and response', () => {
    roundTrip(
      codecOf(shareGroupHeartbeatApi, 1),
      {
        groupId: 's1-ü',
        memberId: 's2-ü',
        memberEpoch: 300010,
        rackId: 's4-ü',
        subscribedTopicNames: ['s5-ü', 's6-ü'],
      },
      fullResponseV1,
    );
  });

  it('v1: round-trips nulls and empty arrays', () => {
    roundTrip(
      codecOf(shareGroupHeartbeatApi, 1),
      { groupId: 's17-ü', memberId: 's18-ü', memberEpoch: 1900058, rackId: null, subscribedTopicNames: null },
      {
        throttleTimeMs: 2000061,
        errorCode: -148,
        errorMessage: null,
        memberId: null,
        memberEpoch: 2200067,
        heartbeatIntervalMs: 2300070,
        assignment: null,
      },
    );
  });

  it('v1: every truncation of a response is a DecodeError', () => {
    truncationsFail(codecOf(shareGroupHeartbeatApi, 1), fullResponseV1);
  });
});
