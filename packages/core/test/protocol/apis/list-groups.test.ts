import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../src/errors.js';
import type { ApiCodec } from '../../../src/protocol/api.js';
import { listGroupsApi } from '../../../src/protocol/apis/list-groups/index.js';
import { Reader } from '../../../src/protocol/reader.js';
import { Writer } from '../../../src/protocol/writer.js';

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

describe('ListGroups codecs', () => {
  it('covers versions 5 in ascending order under key 16', () => {
    expect(listGroupsApi.apiKey).toBe(16);
    expect(listGroupsApi.codecs.map((c) => c.version)).toEqual([5]);
    for (const c of listGroupsApi.codecs) expect(c.apiKey).toBe(16);
  });

  it('v5: round-trips fully populated request and response', () => {
    const codec = listGroupsApi.codecs[0]!;
    expect(codec.version).toBe(5);
    roundTrip(
      codec,
      { statesFilter: ['s1-ü', 's2-ü'], typesFilter: ['s3-ü', 's4-ü'] },
      {
        throttleTimeMs: 500016,
        errorCode: -43,
        groups: [
          { groupId: 's7-ü', protocolType: 's8-ü', groupState: 's9-ü', groupType: 's10-ü' },
          { groupId: 's11-ü', protocolType: 's12-ü', groupState: 's13-ü', groupType: 's14-ü' },
        ],
      },
    );
  });

  it('v5: round-trips nulls and empty arrays', () => {
    roundTrip(
      listGroupsApi.codecs[0]!,
      { statesFilter: [], typesFilter: [] },
      { throttleTimeMs: 1500046, errorCode: -113, groups: [] },
    );
  });

  it('v5: every truncation of a response is a DecodeError', () => {
    truncationsFail(listGroupsApi.codecs[0]!, {
      throttleTimeMs: 500016,
      errorCode: -43,
      groups: [
        { groupId: 's7-ü', protocolType: 's8-ü', groupState: 's9-ü', groupType: 's10-ü' },
        { groupId: 's11-ü', protocolType: 's12-ü', groupState: 's13-ü', groupType: 's14-ü' },
      ],
    });
  });
});
