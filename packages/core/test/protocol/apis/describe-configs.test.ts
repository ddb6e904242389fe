import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../src/errors.js';
import type { ApiCodec } from '../../../src/protocol/api.js';
import { describeConfigsApi } from '../../../src/protocol/apis/describe-configs/index.js';
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

describe('DescribeConfigs codecs', () => {
  it('covers versions 4 in ascending order under key 32', () => {
    expect(describeConfigsApi.apiKey).toBe(32);
    expect(describeConfigsApi.codecs.map((c) => c.version)).toEqual([4]);
    for (const c of describeConfigsApi.codecs) expect(c.apiKey).toBe(32);
  });

  it('v4: round-trips fully populated request and response', () => {
    const codec = describeConfigsApi.codecs[0]!;
    expect(codec.version).toBe(4);
    roundTrip(
      codec,
      {
        resources: [
          { resourceType: 2, resourceName: 's2-ü', configurationKeys: ['s3-ü', 's4-ü'] },
          { resourceType: 6, resourceName: 's6-ü', configurationKeys: null },
        ],
        includeSynonyms: true,
        includeDocumentation: false,
      },
      {
        throttleTimeMs: 900028,
        results: [
          {
            errorCode: -71,
            errorMessage: 's11-ü',
            resourceType: 13,
            resourceName: 's13-ü',
            configs: [
              {
                name: 's14-ü',
                value: 's15-ü',
                readOnly: false,
                configSource: 18,
                isSensitive: false,
                synonyms: [
                  { name: 's19-ü', value: 's20-ü', source: 22 },
                  { name: 's22-ü', value: null, source: 24 },
                ],
                configType: 25,
                documentation: 's25-ü',
              },
              {
                name: 's26-ü',
                value: null,
                readOnly: true,
                configSource: 29,
                isSensitive: true,
                synonyms: [],
                configType: 31,
                documentation: null,
              },
            ],
          },
          { errorCode: -218, errorMessage: null, resourceType: 33, resourceName: 's33-ü', configs: [] },
        ],
      },
    );
  });

  it('v4: round-trips nulls and empty arrays', () => {
    roundTrip(
      describeConfigsApi.codecs[0]!,
      { resources: [], includeSynonyms: false, includeDocumentation: true },
      { throttleTimeMs: 3600109, results: [] },
    );
  });

  it('v4: every truncation of a response is a DecodeError', () => {
    truncationsFail(describeConfigsApi.codecs[0]!, {
      throttleTimeMs: 900028,
      results: [
        {
          errorCode: -71,
          errorMessage: 's11-ü',
          resourceType: 13,
          resourceName: 's13-ü',
          configs: [
            {
              name: 's14-ü',
              value: 's15-ü',
              readOnly: false,
              configSource: 18,
              isSensitive: false,
              synonyms: [
                { name: 's19-ü', value: 's20-ü', source: 22 },
                { name: 's22-ü', value: null, source: 24 },
              ],
              configType: 25,
              documentation: 's25-ü',
            },
            {
              name: 's26-ü',
              value: null,
              readOnly: true,
              configSource: 29,
              isSensitive: true,
              synonyms: [],
              configType: 31,
              documentation: null,
            },
          ],
        },
        { errorCode: -218, errorMessage: null, resourceType: 33, resourceName: 's33-ü', configs: [] },
      ],
    });
  });
});
