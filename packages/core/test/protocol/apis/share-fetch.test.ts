import { describe, expect, it } from 'vitest';
import { shareFetchApi } from '../../../src/protocol/apis/share-fetch/index.js';
import type { ShareFetchRequest, ShareFetchResponse } from '../../../src/protocol/apis/share-fetch/types.js';
import { Reader } from '../../../src/protocol/reader.js';
import { codecOf, encodeRequest, roundTrip, truncationsFail, uuid } from './codec-test-helpers.js';

const VERSIONS = [1, 2] as const;

/** v2 adds ShareAcquireMode and IsRenewAck to the request. */
function fullRequest(version: number): ShareFetchRequest {
  return {
    groupId: 's1-ü',
    memberId: 's2-ü',
    shareSessionEpoch: 300010,
    maxWaitMs: 400013,
    minBytes: 500016,
    maxBytes: 600019,
    maxRecords: 700022,
    batchSize: 800025,
    ...(version >= 2 ? { shareAcquireMode: 1, isRenewAck: true } : {}),
    topics: [
      {
        topicId: uuid(9),
        partitions: [
          {
            partitionIndex: 1000031,
            acknowledgementBatches: [
              { firstOffset: 1700000000000011, lastOffset: 1700000000000012, acknowledgeTypes: [1, 4] },
              { firstOffset: 1700000000000015, lastOffset: 1700000000000016, acknowledgeTypes: [] },
            ],
          },
          { partitionIndex: 1700052, acknowledgementBatches: [] },
        ],
      },
      { topicId: uuid(18), partitions: [] },
    ],
    forgottenTopicsData: [
      { topicId: uuid(19), partitions: [2000061, 2100064] },
      { topicId: uuid(22), partitions: [] },
    ],
  };
}

const fullResponse: ShareFetchResponse = {
  throttleTimeMs: 2300070,
  errorCode: -169,
  errorMessage: 's25-ü',
  acquisitionLockTimeoutMs: 2600079,
  responses: [
    {
      topicId: uuid(27),
      partitions: [
        {
          partitionIndex: 2800085,
          errorCode: -204,
          errorMessage: 's30-ü',
          acknowledgeErrorCode: -218,
          acknowledgeErrorMessage: 's32-ü',
          currentLeader: { leaderId: 3300100, leaderEpoch: 3400103 },
          records: Buffer.from([35, 1, 2, 3]),
          acquiredRecords: [
            { firstOffset: 1700000000000036, lastOffset: 1700000000000037, deliveryCount: -267 },
            { firstOffset: 1700000000000039, lastOffset: 1700000000000040, deliveryCount: -288 },
          ],
        },
        {
          partitionIndex: 4200127,
          errorCode: -302,
          errorMessage: null,
          acknowledgeErrorCode: -309,
          acknowledgeErrorMessage: null,
          currentLeader: { leaderId: 4500136, leaderEpoch: 4600139 },
          records: Buffer.from([47, 1, 2, 3]),
          acquiredRecords: [],
        },
      ],
    },
    { topicId: uuid(48), partitions: [] },
  ],
  nodeEndpoints: [
    { nodeId: 4900148, host: 's50-ü', port: 5100154, rack: 's52-ü' },
    { nodeId: 5300160, host: 's54-ü', port: 5500166, rack: null },
  ],
};

describe('ShareFetch codecs', () => {
  it('covers versions 1, 2 in ascending order under key 78', () => {
    expect(shareFetchApi.apiKey).toBe(78);
    expect(shareFetchApi.codecs.map((c) => c.version)).toEqual([...VERSIONS]);
    for (const c of shareFetchApi.codecs) expect(c.apiKey).toBe(78);
  });

  describe.each(VERSIONS)('v%i', (version) => {
    const codec = codecOf(shareFetchApi, version);

    it('round-trips fully populated request and response', () => {
      roundTrip(codec, fullRequest(version), fullResponse);
    });

    it('round-trips nulls and empty arrays', () => {
      roundTrip(
        codec,
        {
          groupId: null,
          memberId: null,
          shareSessionEpoch: 5600169,
          maxWaitMs: 5700172,
          minBytes: 5800175,
          maxBytes: 5900178,
          maxRecords: 6000181,
          batchSize: 6100184,
          ...(version >= 2 ? { shareAcquireMode: 0, isRenewAck: false } : {}),
          topics: [],
          forgottenTopicsData: [],
        },
        {
          throttleTimeMs: 6200187,
          errorCode: -442,
          errorMessage: null,
          acquisitionLockTimeoutMs: 6400193,
          responses: [],
          nodeEndpoints: [],
        },
      );
    });

    it('every truncation of a response is a DecodeError', () => {
      truncationsFail(codec, fullResponse);
    });
  });

  it('v1 leaves out the v2-only request fields; v2 defaults them when unset', () => {
    const v2Only = fullRequest(2);
    const without = fullRequest(1);
    const v1 = codecOf(shareFetchApi, 1);
    const v2 = codecOf(shareFetchApi, 2);
    expect(encodeRequest(v1, v2Only)).toEqual(encodeRequest(v1, without));
    expect(v1.decodeRequest(new Reader(encodeRequest(v1, v2Only)))).not.toHaveProperty('isRenewAck');
    expect(v2.decodeRequest(new Reader(encodeRequest(v2, without)))).toMatchObject({
      shareAcquireMode: 0,
      isRenewAck: false,
    });
  });
});
