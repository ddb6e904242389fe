import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../src/errors.js';
import type { ApiCodec } from '../../../src/protocol/api.js';
import { alterShareGroupOffsetsApi } from '../../../src/protocol/apis/alter-share-group-offsets/index.js';
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

describe('AlterShareGroupOffsets codecs', () => {
  it('covers versions 0 in ascending order under key 91', () => {
    expect(alterShareGroupOffsetsApi.apiKey).toBe(91);
    expect(alterShareGroupOffsetsApi.codecs.map((c) => c.version)).toEqual([0]);
    for (const c of alterShareGroupOffsetsApi.codecs) expect(c.apiKey).toBe(91);
  });

  it('v0: round-trips fully populated request and response', () => {
    const codec = alterShareGroupOffsetsApi.codecs[0]!;
    expect(codec.version).toBe(0);
    roundTrip(
      codec,
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
      {
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
      },
    );
  });

  it('v0: round-trips nulls and empty arrays', () => {
    roundTrip(
      alterShareGroupOffsetsApi.codecs[0]!,
      { groupId: 's20-ü', topics: [] },
      { throttleTimeMs: 2100064, errorCode: -155, errorMessage: null, responses: [] },
    );
  });

  it('v0: every truncation of a response is a DecodeError', () => {
    truncationsFail(alterShareGroupOffsetsApi.codecs[0]!, {
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
    });
  });
});
