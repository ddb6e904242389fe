import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../src/errors.js';
import type { ApiCodec } from '../../../src/protocol/api.js';
import { incrementalAlterConfigsApi } from '../../../src/protocol/apis/incremental-alter-configs/index.js';
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

describe('IncrementalAlterConfigs codecs', () => {
  it('covers versions 1 in ascending order under key 44', () => {
    expect(incrementalAlterConfigsApi.apiKey).toBe(44);
    expect(incrementalAlterConfigsApi.codecs.map((c) => c.version)).toEqual([1]);
    for (const c of incrementalAlterConfigsApi.codecs) expect(c.apiKey).toBe(44);
  });

  it('v1: round-trips fully populated request and response', () => {
    const codec = incrementalAlterConfigsApi.codecs[0]!;
    expect(codec.version).toBe(1);
    roundTrip(
      codec,
      {
        resources: [
          {
            resourceType: 2,
            resourceName: 's2-ü',
            configs: [
              { name: 's3-ü', configOperation: 5, value: 's5-ü' },
              { name: 's6-ü', configOperation: 8, value: null },
            ],
          },
          { resourceType: 9, resourceName: 's9-ü', configs: [] },
        ],
        validateOnly: false,
      },
      {
        throttleTimeMs: 1100034,
        responses: [
          { errorCode: -85, errorMessage: 's13-ü', resourceType: 15, resourceName: 's15-ü' },
          { errorCode: -113, errorMessage: null, resourceType: 18, resourceName: 's18-ü' },
        ],
      },
    );
  });

  it('v1: round-trips nulls and empty arrays', () => {
    roundTrip(
      incrementalAlterConfigsApi.codecs[0]!,
      { resources: [], validateOnly: true },
      { throttleTimeMs: 2000061, responses: [] },
    );
  });

  it('v1: every truncation of a response is a DecodeError', () => {
    truncationsFail(incrementalAlterConfigsApi.codecs[0]!, {
      throttleTimeMs: 1100034,
      responses: [
        { errorCode: -85, errorMessage: 's13-ü', resourceType: 15, resourceName: 's15-ü' },
        { errorCode: -113, errorMessage: null, resourceType: 18, resourceName: 's18-ü' },
      ],
    });
  });
});
