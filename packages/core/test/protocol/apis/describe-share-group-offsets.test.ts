import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../src/errors.js';
import type { ApiCodec } from '../../../src/protocol/api.js';
import { describeShareGroupOffsetsApi } from '../../../src/protocol/apis/describe-share-group-offsets/index.js';
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

describe('DescribeShareGroupOffsets codecs', () => {
  it('covers versions 0, 1 in ascending order under key 90', () => {
    expect(describeShareGroupOffsetsApi.apiKey).toBe(90);
    expect(describeShareGroupOffsetsApi.codecs.map((c) => c.version)).toEqual([0, 1]);
    for (const c of describeShareGroupOffsetsApi.codecs) expect(c.apiKey).toBe(90);
  });

  it('v0: round-trips fully populated request and response', () => {
    const codec = describeShareGroupOffsetsApi.codecs[0]!;
    expect(codec.version).toBe(0);
    roundTrip(
      codec,
      {
        groups: [
          {
            groupId: 's1-ü',
            topics: [
              { topicName: 's2-ü', partitions: [300010, 400013] },
              { topicName: 's5-ü', partitions: [] },
            ],
          },
          { groupId: 's6-ü', topics: null },
        ],
      },
      {
        throttleTimeMs: 700022,
        groups: [
          {
            groupId: 's8-ü',
            topics: [
              {
                topicName: 's9-ü',
                topicId: uuid(10),
                partitions: [
                  {
                    partitionIndex: 1100034,
                    startOffset: 1700000000000012,
                    leaderEpoch: 1300040,
                    errorCode: -99,
                    errorMessage: 's15-ü',
                  },
                  {
                    partitionIndex: 1600049,
                    startOffset: 1700000000000017,
                    leaderEpoch: 1800055,
                    errorCode: -134,
                    errorMessage: null,
                  },
                ],
              },
              { topicName: 's20-ü', topicId: uuid(21), partitions: [] },
            ],
            errorCode: -155,
            errorMessage: 's23-ü',
          },
          { groupId: 's24-ü', topics: [], errorCode: -176, errorMessage: null },
        ],
      },
    );
  });

  it('v0: round-trips nulls and empty arrays', () => {
    roundTrip(
      describeShareGroupOffsetsApi.codecs[0]!,
      { groups: [] },
      { throttleTimeMs: 2600079, groups: [] },
    );
  });

  it('v0: every truncation of a response is a DecodeError', () => {
    truncationsFail(describeShareGroupOffsetsApi.codecs[0]!, {
      throttleTimeMs: 700022,
      groups: [
        {
          groupId: 's8-ü',
          topics: [
            {
              topicName: 's9-ü',
              topicId: uuid(10),
              partitions: [
                {
                  partitionIndex: 1100034,
                  startOffset: 1700000000000012,
                  leaderEpoch: 1300040,
                  errorCode: -99,
                  errorMessage: 's15-ü',
                },
                {
                  partitionIndex: 1600049,
                  startOffset: 1700000000000017,
                  leaderEpoch: 1800055,
                  errorCode: -134,
                  errorMessage: null,
                },
              ],
            },
            { topicName: 's20-ü', topicId: uuid(21), partitions: [] },
          ],
          errorCode: -155,
          errorMessage: 's23-ü',
        },
        { groupId: 's24-ü', topics: [], errorCode: -176, errorMessage: null },
      ],
    });
  });

  it('v1: round-trips fully populated request and response', () => {
    const codec = describeShareGroupOffsetsApi.codecs[1]!;
    expect(codec.version).toBe(1);
    roundTrip(
      codec,
      {
        groups: [
          {
            groupId: 's1-ü',
            topics: [
              { topicName: 's2-ü', partitions: [300010, 400013] },
              { topicName: 's5-ü', partitions: [] },
            ],
          },
          { groupId: 's6-ü', topics: null },
        ],
      },
      {
        throttleTimeMs: 700022,
        groups: [
          {
            groupId: 's8-ü',
            topics: [
              {
                topicName: 's9-ü',
                topicId: uuid(10),
                partitions: [
                  {
                    partitionIndex: 1100034,
                    startOffset: 1700000000000012,
                    leaderEpoch: 1300040,
                    lag: 1700000000000014,
                    errorCode: -106,
                    errorMessage: 's16-ü',
                  },
                  {
                    partitionIndex: 1700052,
                    startOffset: 1700000000000018,
                    leaderEpoch: 1900058,
                    lag: 1700000000000020,
                    errorCode: -148,
                    errorMessage: null,
                  },
                ],
              },
              { topicName: 's22-ü', topicId: uuid(23), partitions: [] },
            ],
            errorCode: -169,
            errorMessage: 's25-ü',
          },
          { groupId: 's26-ü', topics: [], errorCode: -190, errorMessage: null },
        ],
      },
    );
  });

  it('v1: round-trips nulls and empty arrays', () => {
    roundTrip(
      describeShareGroupOffsetsApi.codecs[1]!,
      { groups: [] },
      { throttleTimeMs: 2800085, groups: [] },
    );
  });

  it('v1: every truncation of a response is a DecodeError', () => {
    truncationsFail(describeShareGroupOffsetsApi.codecs[1]!, {
      throttleTimeMs: 700022,
      groups: [
        {
          groupId: 's8-ü',
          topics: [
            {
              topicName: 's9-ü',
              topicId: uuid(10),
              partitions: [
                {
                  partitionIndex: 1100034,
                  startOffset: 1700000000000012,
                  leaderEpoch: 1300040,
                  lag: 1700000000000014,
                  errorCode: -106,
                  errorMessage: 's16-ü',
                },
                {
                  partitionIndex: 1700052,
                  startOffset: 1700000000000018,
                  leaderEpoch: 1900058,
                  lag: 1700000000000020,
                  errorCode: -148,
                  errorMessage: null,
                },
              ],
            },
            { topicName: 's22-ü', topicId: uuid(23), partitions: [] },
          ],
          errorCode: -169,
          errorMessage: 's25-ü',
        },
        { groupId: 's26-ü', topics: [], errorCode: -190, errorMessage: null },
      ],
    });
  });
});
