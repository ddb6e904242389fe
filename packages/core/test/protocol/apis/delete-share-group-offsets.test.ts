import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../src/errors.js';
import type { ApiCodec } from '../../../src/protocol/api.js';
import { deleteShareGroupOffsetsApi } from '../../../src/protocol/apis/delete-share-group-offsets/index.js';
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

describe('DeleteShareGroupOffsets codecs', () => {
  it('covers versions 0 in ascending order under key 92', () => {
    expect(deleteShareGroupOffsetsApi.apiKey).toBe(92);
    expect(deleteShareGroupOffsetsApi.codecs.map((c) => c.version)).toEqual([0]);
    for (const c of deleteShareGroupOffsetsApi.codecs) expect(c.apiKey).toBe(92);
  });

  it('v0: round-trips fully populated request and response', () => {
    const codec = deleteShareGroupOffsetsApi.codecs[0]!;
    expect(codec.version).toBe(0);
    roundTrip(
      codec,
      { groupId: 's1-ü', topics: [{ topicName: 's2-ü' }, { topicName: 's3-ü' }] },
      {
        throttleTimeMs: 400013,
        errorCode: -36,
        errorMessage: 's6-ü',
        responses: [
          { topicName: 's7-ü', topicId: uuid(8), errorCode: -64, errorMessage: 's10-ü' },
          { topicName: 's11-ü', topicId: uuid(12), errorCode: -92, errorMessage: null },
        ],
      },
    );
  });

  it('v0: round-trips nulls and empty arrays', () => {
    roundTrip(
      deleteShareGroupOffsetsApi.codecs[0]!,
      { groupId: 's14-ü', topics: [] },
      { throttleTimeMs: 1500046, errorCode: -113, errorMessage: null, responses: [] },
    );
  });

  it('v0: every truncation of a response is a DecodeError', () => {
    truncationsFail(deleteShareGroupOffsetsApi.codecs[0]!, {
      throttleTimeMs: 400013,
      errorCode: -36,
      errorMessage: 's6-ü',
      responses: [
        { topicName: 's7-ü', topicId: uuid(8), errorCode: -64, errorMessage: 's10-ü' },
        { topicName: 's11-ü', topicId: uuid(12), errorCode: -92, errorMessage: null },
      ],
    });
  });
});
