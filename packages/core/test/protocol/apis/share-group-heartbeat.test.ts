import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../src/errors.js';
import type { ApiCodec } from '../../../src/protocol/api.js';
import { shareGroupHeartbeatApi } from '../../../src/protocol/apis/share-group-heartbeat/index.js';
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

describe('ShareGroupHeartbeat codecs', () => {
  it('covers versions 1 in ascending order under key 76', () => {
    expect(shareGroupHeartbeatApi.apiKey).toBe(76);
    expect(shareGroupHeartbeatApi.codecs.map((c) => c.version)).toEqual([1]);
    for (const c of shareGroupHeartbeatApi.codecs) expect(c.apiKey).toBe(76);
  });

  it('v1: round-trips fully populated request and response', () => {
    const codec = shareGroupHeartbeatApi.codecs[0]!;
    expect(codec.version).toBe(1);
    roundTrip(
      codec,
      {
        groupId: 's1-ü',
        memberId: 's2-ü',
        memberEpoch: 300010,
        rackId: 's4-ü',
        subscribedTopicNames: ['s5-ü', 's6-ü'],
      },
      {
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
      },
    );
  });

  it('v1: round-trips nulls and empty arrays', () => {
    roundTrip(
      shareGroupHeartbeatApi.codecs[0]!,
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
    truncationsFail(shareGroupHeartbeatApi.codecs[0]!, {
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
    });
  });
});
