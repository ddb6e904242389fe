import { describe, expect, it } from 'vitest';
import { shareAcknowledgeApi } from '../../../src/protocol/apis/share-acknowledge/index.js';
import type {
  ShareAcknowledgeRequest,
  ShareAcknowledgeResponse,
} from '../../../src/protocol/apis/share-acknowledge/types.js';
import { Reader } from '../../../src/protocol/reader.js';
import {
  codecOf,
  encodeRequest,
  encodeResponse,
  roundTrip,
  truncationsFail,
  uuid,
} from './codec-test-helpers.js';

const VERSIONS = [1, 2] as const;

/** v2 adds IsRenewAck to the request and AcquisitionLockTimeoutMs to the response. */
function fullRequest(version: number): ShareAcknowledgeRequest {
  return {
    groupId: 's1-ü',
    memberId: 's2-ü',
    shareSessionEpoch: 300010,
    ...(version >= 2 ? { isRenewAck: true } : {}),
    topics: [
      {
        topicId: uuid(4),
        partitions: [
          {
            partitionIndex: 500016,
            acknowledgementBatches: [
              { firstOffset: 1700000000000006, lastOffset: 1700000000000007, acknowledgeTypes: [1, 4] },
              { firstOffset: 1700000000000010, lastOffset: 1700000000000011, acknowledgeTypes: [] },
            ],
          },
          { partitionIndex: 1200037, acknowledgementBatches: [] },
        ],
      },
      { topicId: uuid(13), partitions: [] },
    ],
  };
}

function fullResponse(version: number): ShareAcknowledgeResponse {
  return {
    throttleTimeMs: 1400043,
    errorCode: -106,
    errorMessage: 's16-ü',
    ...(version >= 2 ? { acquisitionLockTimeoutMs: 1500046 } : {}),
    responses: [
      {
        topicId: uuid(17),
        partitions: [
          {
            partitionIndex: 1800055,
            errorCode: -134,
            errorMessage: 's20-ü',
            currentLeader: { leaderId: 2100064, leaderEpoch: 2200067 },
          },
          {
            partitionIndex: 2300070,
            errorCode: -169,
            errorMessage: null,
            currentLeader: { leaderId: 2500076, leaderEpoch: 2600079 },
          },
        ],
      },
      { topicId: uuid(27), partitions: [] },
    ],
    nodeEndpoints: [
      { nodeId: 2800085, host: 's29-ü', port: 3000091, rack: 's31-ü' },
      { nodeId: 3200097, host: 's33-ü', port: 3400103, rack: null },
    ],
  };
}

describe('ShareAcknowledge codecs', () => {
  it('covers versions 1, 2 in ascending order under key 79', () => {
    expect(shareAcknowledgeApi.apiKey).toBe(79);
    expect(shareAcknowledgeApi.codecs.map((c) => c.version)).toEqual([...VERSIONS]);
    for (const c of shareAcknowledgeApi.codecs) expect(c.apiKey).toBe(79);
  });

  describe.each(VERSIONS)('v%i', (version) => {
    const codec = codecOf(shareAcknowledgeApi, version);

    it('round-trips fully populated request and response', () => {
      roundTrip(codec, fullRequest(version), fullResponse(version));
    });

    it('round-trips nulls and empty arrays', () => {
      roundTrip(
        codec,
        {
          groupId: null,
          memberId: null,
          shareSessionEpoch: 3500106,
          ...(version >= 2 ? { isRenewAck: false } : {}),
          topics: [],
        },
        {
          throttleTimeMs: 3600109,
          errorCode: -260,
          errorMessage: null,
          ...(version >= 2 ? { acquisitionLockTimeoutMs: 0 } : {}),
          responses: [],
          nodeEndpoints: [],
        },
      );
    });

    it('every truncation of a response is a DecodeError', () => {
      truncationsFail(codec, fullResponse(version));
    });
  });

  it('v1 leaves out the v2-only fields in both directions', () => {
    const v1 = codecOf(shareAcknowledgeApi, 1);
    expect(encodeRequest(v1, fullRequest(2))).toEqual(encodeRequest(v1, fullRequest(1)));
    expect(encodeResponse(v1, fullResponse(2))).toEqual(encodeResponse(v1, fullResponse(1)));
    expect(v1.decodeRequest(new Reader(encodeRequest(v1, fullRequest(2))))).not.toHaveProperty('isRenewAck');
    expect(v1.decodeResponse(new Reader(encodeResponse(v1, fullResponse(2))))).not.toHaveProperty(
      'acquisitionLockTimeoutMs',
    );
  });
});
