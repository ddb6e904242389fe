import { describe, expect, it } from 'vitest';
import { fetchApi } from '../../../src/protocol/apis/fetch/index.js';
import type { FetchRequest, FetchResponse } from '../../../src/protocol/apis/fetch/types.js';
import { Reader } from '../../../src/protocol/reader.js';
import {
  codecOf,
  encodeRequest,
  encodeResponse,
  roundTrip,
  truncationsFail,
  uuid,
} from './codec-test-helpers.js';

const VERSIONS = [13, 18] as const;

/**
 * v13 carries ReplicaId in the body; v15+ the tagged ReplicaState instead, v17+ a partition's tagged
 * ReplicaDirectoryId, v18+ its tagged HighWatermark.
 */
function fullRequest(version: number): FetchRequest {
  return {
    clusterId: 's1-ü',
    ...(version < 15
      ? { replicaId: 200007 }
      : { replicaState: { replicaId: 200007, replicaEpoch: 1700000000000003 } }),
    maxWaitMs: 300010,
    minBytes: 400013,
    maxBytes: 500016,
    isolationLevel: 1,
    sessionId: 700022,
    sessionEpoch: 800025,
    topics: [
      {
        topicId: uuid(9),
        partitions: [
          {
            partition: 1000031,
            currentLeaderEpoch: 1100034,
            fetchOffset: 1700000000000012,
            lastFetchedEpoch: 1300040,
            logStartOffset: 1700000000000014,
            partitionMaxBytes: 1500046,
            ...(version >= 17 ? { replicaDirectoryId: uuid(17) } : {}),
            ...(version >= 18 ? { highWatermark: 1700000000000018 } : {}),
          },
          {
            partition: 1600049,
            currentLeaderEpoch: -1,
            fetchOffset: 1700000000000018,
            lastFetchedEpoch: -1,
            logStartOffset: -1,
            partitionMaxBytes: 2100064,
          },
        ],
      },
      { topicId: uuid(22), partitions: [] },
    ],
    forgottenTopicsData: [
      { topicId: uuid(23), partitions: [2400073, 2500076] },
      { topicId: uuid(26), partitions: [] },
    ],
    rackId: 's27-ü',
  };
}

/** v16+ adds the tagged NodeEndpoints. */
function fullResponse(version: number): FetchResponse {
  return {
    throttleTimeMs: 2800085,
    errorCode: -204,
    sessionId: 3000091,
    responses: [
      {
        topicId: uuid(31),
        partitions: [
          {
            partitionIndex: 3200097,
            errorCode: -232,
            highWatermark: 1700000000000034,
            lastStableOffset: 1700000000000035,
            logStartOffset: 1700000000000036,
            divergingEpoch: { epoch: 3700112, endOffset: 1700000000000038 },
            currentLeader: { leaderId: 3900118, leaderEpoch: 4000121 },
            snapshotId: { endOffset: 1700000000000041, epoch: 4200127 },
            abortedTransactions: [
              { producerId: 1700000000000043, firstOffset: 1700000000000044 },
              { producerId: 1700000000000045, firstOffset: 1700000000000046 },
            ],
            preferredReadReplica: 4700142,
            records: Buffer.from([48, 1, 2, 3]),
          },
          {
            partitionIndex: 4900148,
            errorCode: -351,
            highWatermark: 1700000000000051,
            lastStableOffset: 1700000000000052,
            logStartOffset: 1700000000000053,
            abortedTransactions: null,
            preferredReadReplica: -1,
            records: null,
          },
        ],
      },
      { topicId: uuid(55), partitions: [] },
    ],
    ...(version >= 16
      ? {
          nodeEndpoints: [
            { nodeId: 5900178, host: 's60-ü', port: 6100184, rack: 's62-ü' },
            { nodeId: 6300190, host: 's64-ü', port: 6500196, rack: null },
          ],
        }
      : {}),
  };
}

describe('Fetch codecs', () => {
  it('covers versions 13, 18 in ascending order under key 1', () => {
    expect(fetchApi.apiKey).toBe(1);
    expect(fetchApi.codecs.map((c) => c.version)).toEqual([...VERSIONS]);
    for (const c of fetchApi.codecs) expect(c.apiKey).toBe(1);
  });

  describe.each(VERSIONS)('v%i', (version) => {
    const codec = codecOf(fetchApi, version);

    it('round-trips fully populated request and response', () => {
      roundTrip(codec, fullRequest(version), fullResponse(version));
    });

    it('round-trips nulls and empty arrays', () => {
      roundTrip(
        codec,
        {
          ...(version < 15 ? { replicaId: -1 } : {}),
          maxWaitMs: 5700172,
          minBytes: 5800175,
          maxBytes: 5900178,
          isolationLevel: 0,
          sessionId: 0,
          sessionEpoch: -1,
          topics: [],
          forgottenTopicsData: [],
          rackId: '',
        },
        { throttleTimeMs: 6400193, errorCode: -456, sessionId: 6600199, responses: [] },
      );
    });

    it('every truncation of a response is a DecodeError', () => {
      truncationsFail(codec, fullResponse(version));
    });
  });

  it('v13 writes ReplicaId in the body and none of the later tagged fields', () => {
    const v13 = codecOf(fetchApi, 13);
    const req = v13.decodeRequest(new Reader(encodeRequest(v13, { ...fullRequest(18), replicaId: 200007 })));
    expect(req).toEqual(fullRequest(13));
    expect(req).not.toHaveProperty('replicaState');
    expect(req.topics[0]?.partitions[0]).not.toHaveProperty('replicaDirectoryId');
    expect(req.topics[0]?.partitions[0]).not.toHaveProperty('highWatermark');
    expect(encodeResponse(v13, fullResponse(18))).toEqual(encodeResponse(v13, fullResponse(13)));
  });

  it('v18 leaves ReplicaId out of the body', () => {
    const v18 = codecOf(fetchApi, 18);
    const req = v18.decodeRequest(new Reader(encodeRequest(v18, fullRequest(13))));
    expect(req).not.toHaveProperty('replicaId');
    expect(req).toEqual({ ...fullRequest(13), replicaId: undefined });
  });
});
