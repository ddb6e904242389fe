import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../src/errors.js';
import type { ApiCodec } from '../../../src/protocol/api.js';
import { shareAcknowledgeApi } from '../../../src/protocol/apis/share-acknowledge/index.js';
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

describe('ShareAcknowledge codecs', () => {
  it('covers versions 1, 2 in ascending order under key 79', () => {
    expect(shareAcknowledgeApi.apiKey).toBe(79);
    expect(shareAcknowledgeApi.codecs.map((c) => c.version)).toEqual([1, 2]);
    for (const c of shareAcknowledgeApi.codecs) expect(c.apiKey).toBe(79);
  });

  it('v1: round-trips fully populated request and response', () => {
    const codec = shareAcknowledgeApi.codecs[0]!;
    expect(codec.version).toBe(1);
    roundTrip(
      codec,
      {
        groupId: 's1-ü',
        memberId: 's2-ü',
        shareSessionEpoch: 300010,
        topics: [
          {
            topicId: uuid(4),
            partitions: [
              {
                partitionIndex: 500016,
                acknowledgementBatches: [
                  { firstOffset: 1700000000000006, lastOffset: 1700000000000007, acknowledgeTypes: [9, 10] },
                  { firstOffset: 1700000000000010, lastOffset: 1700000000000011, acknowledgeTypes: [] },
                ],
              },
              { partitionIndex: 1200037, acknowledgementBatches: [] },
            ],
          },
          { topicId: uuid(13), partitions: [] },
        ],
      },
      {
        throttleTimeMs: 1400043,
        errorCode: -106,
        errorMessage: 's16-ü',
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
      },
    );
  });

  it('v1: round-trips nulls and empty arrays', () => {
    roundTrip(
      shareAcknowledgeApi.codecs[0]!,
      { groupId: null, memberId: null, shareSessionEpoch: 3500106, topics: [] },
      { throttleTimeMs: 3600109, errorCode: -260, errorMessage: null, responses: [], nodeEndpoints: [] },
    );
  });

  it('v1: every truncation of a response is a DecodeError', () => {
    truncationsFail(shareAcknowledgeApi.codecs[0]!, {
      throttleTimeMs: 1400043,
      errorCode: -106,
      errorMessage: 's16-ü',
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
    });
  });

  it('v2: round-trips fully populated request and response', () => {
    const codec = shareAcknowledgeApi.codecs[1]!;
    expect(codec.version).toBe(2);
    roundTrip(
      codec,
      {
        groupId: 's1-ü',
        memberId: 's2-ü',
        shareSessionEpoch: 300010,
        isRenewAck: false,
        topics: [
          {
            topicId: uuid(5),
            partitions: [
              {
                partitionIndex: 600019,
                acknowledgementBatches: [
                  { firstOffset: 1700000000000007, lastOffset: 1700000000000008, acknowledgeTypes: [10, 11] },
                  { firstOffset: 1700000000000011, lastOffset: 1700000000000012, acknowledgeTypes: [] },
                ],
              },
              { partitionIndex: 1300040, acknowledgementBatches: [] },
            ],
          },
          { topicId: uuid(14), partitions: [] },
        ],
      },
      {
        throttleTimeMs: 1500046,
        errorCode: -113,
        errorMessage: 's17-ü',
        acquisitionLockTimeoutMs: 1800055,
        responses: [
          {
            topicId: uuid(19),
            partitions: [
              {
                partitionIndex: 2000061,
                errorCode: -148,
                errorMessage: 's22-ü',
                currentLeader: { leaderId: 2300070, leaderEpoch: 2400073 },
              },
              {
                partitionIndex: 2500076,
                errorCode: -183,
                errorMessage: null,
                currentLeader: { leaderId: 2700082, leaderEpoch: 2800085 },
              },
            ],
          },
          { topicId: uuid(29), partitions: [] },
        ],
        nodeEndpoints: [
          { nodeId: 3000091, host: 's31-ü', port: 3200097, rack: 's33-ü' },
          { nodeId: 3400103, host: 's35-ü', port: 3600109, rack: null },
        ],
      },
    );
  });

  it('v2: round-trips nulls and empty arrays', () => {
    roundTrip(
      shareAcknowledgeApi.codecs[1]!,
      { groupId: null, memberId: null, shareSessionEpoch: 3700112, isRenewAck: false, topics: [] },
      {
        throttleTimeMs: 3900118,
        errorCode: -281,
        errorMessage: null,
        acquisitionLockTimeoutMs: 4100124,
        responses: [],
        nodeEndpoints: [],
      },
    );
  });

  it('v2: every truncation of a response is a DecodeError', () => {
    truncationsFail(shareAcknowledgeApi.codecs[1]!, {
      throttleTimeMs: 1500046,
      errorCode: -113,
      errorMessage: 's17-ü',
      acquisitionLockTimeoutMs: 1800055,
      responses: [
        {
          topicId: uuid(19),
          partitions: [
            {
              partitionIndex: 2000061,
              errorCode: -148,
              errorMessage: 's22-ü',
              currentLeader: { leaderId: 2300070, leaderEpoch: 2400073 },
            },
            {
              partitionIndex: 2500076,
              errorCode: -183,
              errorMessage: null,
              currentLeader: { leaderId: 2700082, leaderEpoch: 2800085 },
            },
          ],
        },
        { topicId: uuid(29), partitions: [] },
      ],
      nodeEndpoints: [
        { nodeId: 3000091, host: 's31-ü', port: 3200097, rack: 's33-ü' },
        { nodeId: 3400103, host: 's35-ü', port: 3600109, rack: null },
      ],
    });
  });
});
