import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../src/errors.js';
import type { ApiCodec } from '../../../src/protocol/api.js';
import { listOffsetsApi } from '../../../src/protocol/apis/list-offsets/index.js';
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

describe('ListOffsets codecs', () => {
  it('covers versions 7, 8, 9, 10, 11 in ascending order under key 2', () => {
    expect(listOffsetsApi.apiKey).toBe(2);
    expect(listOffsetsApi.codecs.map((c) => c.version)).toEqual([7, 8, 9, 10, 11]);
    for (const c of listOffsetsApi.codecs) expect(c.apiKey).toBe(2);
  });

  it('v7: round-trips fully populated request and response', () => {
    const codec = listOffsetsApi.codecs[0]!;
    expect(codec.version).toBe(7);
    roundTrip(
      codec,
      {
        replicaId: 100004,
        isolationLevel: 3,
        topics: [
          {
            name: 's3-ü',
            partitions: [
              { partitionIndex: 400013, currentLeaderEpoch: 500016, timestamp: 1700000000000006 },
              { partitionIndex: 700022, currentLeaderEpoch: 800025, timestamp: 1700000000000009 },
            ],
          },
          { name: 's10-ü', partitions: [] },
        ],
      },
      {
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
                timestamp: 1700000000000020,
                offset: 1700000000000021,
                leaderEpoch: 2200067,
              },
            ],
          },
          { name: 's23-ü', partitions: [] },
        ],
      },
    );
  });

  it('v7: round-trips nulls and empty arrays', () => {
    roundTrip(
      listOffsetsApi.codecs[0]!,
      { replicaId: 2400073, isolationLevel: 26, topics: [] },
      { throttleTimeMs: 2600079, topics: [] },
    );
  });

  it('v7: every truncation of a response is a DecodeError', () => {
    truncationsFail(listOffsetsApi.codecs[0]!, {
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
              timestamp: 1700000000000020,
              offset: 1700000000000021,
              leaderEpoch: 2200067,
            },
          ],
        },
        { name: 's23-ü', partitions: [] },
      ],
    });
  });

  it('v8: round-trips fully populated request and response', () => {
    const codec = listOffsetsApi.codecs[1]!;
    expect(codec.version).toBe(8);
    roundTrip(
      codec,
      {
        replicaId: 100004,
        isolationLevel: 3,
        topics: [
          {
            name: 's3-ü',
            partitions: [
              { partitionIndex: 400013, currentLeaderEpoch: 500016, timestamp: 1700000000000006 },
              { partitionIndex: 700022, currentLeaderEpoch: 800025, timestamp: 1700000000000009 },
            ],
          },
          { name: 's10-ü', partitions: [] },
        ],
      },
      {
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
                timestamp: 1700000000000020,
                offset: 1700000000000021,
                leaderEpoch: 2200067,
              },
            ],
          },
          { name: 's23-ü', partitions: [] },
        ],
      },
    );
  });

  it('v8: round-trips nulls and empty arrays', () => {
    roundTrip(
      listOffsetsApi.codecs[1]!,
      { replicaId: 2400073, isolationLevel: 26, topics: [] },
      { throttleTimeMs: 2600079, topics: [] },
    );
  });

  it('v8: every truncation of a response is a DecodeError', () => {
    truncationsFail(listOffsetsApi.codecs[1]!, {
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
              timestamp: 1700000000000020,
              offset: 1700000000000021,
              leaderEpoch: 2200067,
            },
          ],
        },
        { name: 's23-ü', partitions: [] },
      ],
    });
  });

  it('v9: round-trips fully populated request and response', () => {
    const codec = listOffsetsApi.codecs[2]!;
    expect(codec.version).toBe(9);
    roundTrip(
      codec,
      {
        replicaId: 100004,
        isolationLevel: 3,
        topics: [
          {
            name: 's3-ü',
            partitions: [
              { partitionIndex: 400013, currentLeaderEpoch: 500016, timestamp: 1700000000000006 },
              { partitionIndex: 700022, currentLeaderEpoch: 800025, timestamp: 1700000000000009 },
            ],
          },
          { name: 's10-ü', partitions: [] },
        ],
      },
      {
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
                timestamp: 1700000000000020,
                offset: 1700000000000021,
                leaderEpoch: 2200067,
              },
            ],
          },
          { name: 's23-ü', partitions: [] },
        ],
      },
    );
  });

  it('v9: round-trips nulls and empty arrays', () => {
    roundTrip(
      listOffsetsApi.codecs[2]!,
      { replicaId: 2400073, isolationLevel: 26, topics: [] },
      { throttleTimeMs: 2600079, topics: [] },
    );
  });

  it('v9: every truncation of a response is a DecodeError', () => {
    truncationsFail(listOffsetsApi.codecs[2]!, {
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
              timestamp: 1700000000000020,
              offset: 1700000000000021,
              leaderEpoch: 2200067,
            },
          ],
        },
        { name: 's23-ü', partitions: [] },
      ],
    });
  });

  it('v10: round-trips fully populated request and response', () => {
    const codec = listOffsetsApi.codecs[3]!;
    expect(codec.version).toBe(10);
    roundTrip(
      codec,
      {
        replicaId: 100004,
        isolationLevel: 3,
        topics: [
          {
            name: 's3-ü',
            partitions: [
              { partitionIndex: 400013, currentLeaderEpoch: 500016, timestamp: 1700000000000006 },
              { partitionIndex: 700022, currentLeaderEpoch: 800025, timestamp: 1700000000000009 },
            ],
          },
          { name: 's10-ü', partitions: [] },
        ],
        timeoutMs: 1100034,
      },
      {
        throttleTimeMs: 1200037,
        topics: [
          {
            name: 's13-ü',
            partitions: [
              {
                partitionIndex: 1400043,
                errorCode: -106,
                timestamp: 1700000000000016,
                offset: 1700000000000017,
                leaderEpoch: 1800055,
              },
              {
                partitionIndex: 1900058,
                errorCode: -141,
                timestamp: 1700000000000021,
                offset: 1700000000000022,
                leaderEpoch: 2300070,
              },
            ],
          },
          { name: 's24-ü', partitions: [] },
        ],
      },
    );
  });

  it('v10: round-trips nulls and empty arrays', () => {
    roundTrip(
      listOffsetsApi.codecs[3]!,
      { replicaId: 2500076, isolationLevel: 27, topics: [], timeoutMs: 2700082 },
      { throttleTimeMs: 2800085, topics: [] },
    );
  });

  it('v10: every truncation of a response is a DecodeError', () => {
    truncationsFail(listOffsetsApi.codecs[3]!, {
      throttleTimeMs: 1200037,
      topics: [
        {
          name: 's13-ü',
          partitions: [
            {
              partitionIndex: 1400043,
              errorCode: -106,
              timestamp: 1700000000000016,
              offset: 1700000000000017,
              leaderEpoch: 1800055,
            },
            {
              partitionIndex: 1900058,
              errorCode: -141,
              timestamp: 1700000000000021,
              offset: 1700000000000022,
              leaderEpoch: 2300070,
            },
          ],
        },
        { name: 's24-ü', partitions: [] },
      ],
    });
  });

  it('v11: round-trips fully populated request and response', () => {
    const codec = listOffsetsApi.codecs[4]!;
    expect(codec.version).toBe(11);
    roundTrip(
      codec,
      {
        replicaId: 100004,
        isolationLevel: 3,
        topics: [
          {
            name: 's3-ü',
            partitions: [
              { partitionIndex: 400013, currentLeaderEpoch: 500016, timestamp: 1700000000000006 },
              { partitionIndex: 700022, currentLeaderEpoch: 800025, timestamp: 1700000000000009 },
            ],
          },
          { name: 's10-ü', partitions: [] },
        ],
        timeoutMs: 1100034,
      },
      {
        throttleTimeMs: 1200037,
        topics: [
          {
            name: 's13-ü',
            partitions: [
              {
                partitionIndex: 1400043,
                errorCode: -106,
                timestamp: 1700000000000016,
                offset: 1700000000000017,
                leaderEpoch: 1800055,
              },
              {
                partitionIndex: 1900058,
                errorCode: -141,
                timestamp: 1700000000000021,
                offset: 1700000000000022,
                leaderEpoch: 2300070,
              },
            ],
          },
          { name: 's24-ü', partitions: [] },
        ],
      },
    );
  });

  it('v11: round-trips nulls and empty arrays', () => {
    roundTrip(
      listOffsetsApi.codecs[4]!,
      { replicaId: 2500076, isolationLevel: 27, topics: [], timeoutMs: 2700082 },
      { throttleTimeMs: 2800085, topics: [] },
    );
  });

  it('v11: every truncation of a response is a DecodeError', () => {
    truncationsFail(listOffsetsApi.codecs[4]!, {
      throttleTimeMs: 1200037,
      topics: [
        {
          name: 's13-ü',
          partitions: [
            {
              partitionIndex: 1400043,
              errorCode: -106,
              timestamp: 1700000000000016,
              offset: 1700000000000017,
              leaderEpoch: 1800055,
            },
            {
              partitionIndex: 1900058,
              errorCode: -141,
              timestamp: 1700000000000021,
              offset: 1700000000000022,
              leaderEpoch: 2300070,
            },
          ],
        },
        { name: 's24-ü', partitions: [] },
      ],
    });
  });
});
