import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../src/errors.js';
import type { ApiCodec } from '../../../src/protocol/api.js';
import { shareGroupDescribeApi } from '../../../src/protocol/apis/share-group-describe/index.js';
import { Reader } from '../../../src/protocol/reader.js';
import { Writer } from '../../../src/protocol/writer.js';

// Deterministic distinct topic ids.
const uuid = (n: number): string => Buffer.alloc(16, n).toString('base64url');

function roundTrip<Req, Res>(codec: ApiCodec<Req, Res>, req: Req, res: Res): void {
  const wq = new Writer();
  codec.encodeRequest(wq, req);
  const rq = new Reader(Buffer.from(wq.toBuffer()));
  expect(codec.decodeRequest(rq)).toEqual(req);
  expect(rq.remaining).toBe(0);
  const ws = new Writer();
  codec.encodeResponse(ws, res);
  const rs = new Reader(Buffer.from(ws.toBuffer()));
  expect(codec.decodeResponse(rs)).toEqual(res);
  expect(rs.remaining).toBe(0);
}

function truncationsFail<Req, Res>(codec: ApiCodec<Req, Res>, res: Res): void {
  const w = new Writer();
  codec.encodeResponse(w, res);
  const bytes = Buffer.from(w.toBuffer());
  for (let cut = 0; cut < bytes.length; cut++) {
    expect(() => codec.decodeResponse(new Reader(bytes.subarray(0, cut)))).toThrow(DecodeError);
  }
}

describe('ShareGroupDescribe codecs', () => {
  it('covers versions 1 in ascending order under key 77', () => {
    expect(shareGroupDescribeApi.apiKey).toBe(77);
    expect(shareGroupDescribeApi.codecs.map((c) => c.version)).toEqual([1]);
    for (const c of shareGroupDescribeApi.codecs) expect(c.apiKey).toBe(77);
  });

  it('v1: round-trips fully populated request and response', () => {
    const codec = shareGroupDescribeApi.codecs[0]!;
    expect(codec.version).toBe(1);
    roundTrip(
      codec,
      { groupIds: ['s1-ü', 's2-ü'], includeAuthorizedOperations: true },
      {
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
      },
    );
  });

  it('v1: round-trips nulls and empty arrays', () => {
    roundTrip(
      shareGroupDescribeApi.codecs[0]!,
      { groupIds: [], includeAuthorizedOperations: true },
      { throttleTimeMs: 3800115, groups: [] },
    );
  });

  it('v1: every truncation of a response is a DecodeError', () => {
    truncationsFail(shareGroupDescribeApi.codecs[0]!, {
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
    });
  });
});
