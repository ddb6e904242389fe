import { describe, expect, it } from 'vitest';
import { listOffsetsApi } from '../../../src/protocol/apis/list-offsets/index.js';
import type {
  ListOffsetsRequest,
  ListOffsetsResponse,
} from '../../../src/protocol/apis/list-offsets/types.js';
import { Reader } from '../../../src/protocol/reader.js';
import { codecOf, encodeRequest, roundTrip, truncationsFail } from './codec-test-helpers.js';

const VERSIONS = [7, 11] as const;

/** v10+ adds TimeoutMs to the request. */
function fullRequest(version: number): ListOffsetsRequest {
  return {
    replicaId: 100004,
    isolationLevel: 1,
    topics: [
      {
        name: 's3-ü',
        partitions: [
          { partitionIndex: 400013, currentLeaderEpoch: 500016, timestamp: 1700000000000006 },
          { partitionIndex: 700022, currentLeaderEpoch: -1, timestamp: -2 },
        ],
      },
      { name: 's10-ü', partitions: [] },
    ],
    ...(version >= 10 ? { timeoutMs: 900028 } : {}),
  };
}

const fullResponse: ListOffsetsResponse = {
  throttleTimeMs: 1100034,
  topics: [
    {
      name: 's12-ü',
      partitions: [
        {
          partitionIndex: 1300040,
          errorCode: -99,
          timestamp: 1700000000000015,
          offset: 1700000000000016,
          leaderEpoch: 1700052,
        },
        {
          partitionIndex: 1800055,
          errorCode: -134,
          timestamp: -1,
          offset: 1700000000000021,
          leaderEpoch: 2200067,
        },
      ],
    },
    { name: 's23-ü', partitions: [] },
  ],
};

describe('ListOffsets codecs', () => {
  it('covers versions 7, 11 in ascending order under key 2', () => {
    expect(listOffsetsApi.apiKey).toBe(2);
    expect(listOffsetsApi.codecs.map((c) => c.version)).toEqual([...VERSIONS]);
    for (const c of listOffsetsApi.codecs) expect(c.apiKey).toBe(2);
  });

  describe.each(VERSIONS)('v%i', (version) => {
    const codec = codecOf(listOffsetsApi, version);

    it('round-trips fully populated request and response', () => {
      roundTrip(codec, fullRequest(version), fullResponse);
    });

    it('round-trips nulls and empty arrays', () => {
      roundTrip(
        codec,
        { replicaId: -1, isolationLevel: 0, topics: [], ...(version >= 10 ? { timeoutMs: 0 } : {}) },
        { throttleTimeMs: 2600079, topics: [] },
      );
    });

    it('every truncation of a response is a DecodeError', () => {
      truncationsFail(codec, fullResponse);
    });
  });

  it('v7 leaves out TimeoutMs; v11 writes an unset one as 0', () => {
    const v7 = codecOf(listOffsetsApi, 7);
    const v11 = codecOf(listOffsetsApi, 11);
    expect(encodeRequest(v7, fullRequest(11))).toEqual(encodeRequest(v7, fullRequest(7)));
    expect(v7.decodeRequest(new Reader(encodeRequest(v7, fullRequest(11))))).not.toHaveProperty('timeoutMs');
    expect(v11.decodeRequest(new Reader(encodeRequest(v11, fullRequest(7)))).timeoutMs).toBe(0);
  });
});
