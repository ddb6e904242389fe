import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../src/errors.js';
import type { ApiCodec } from '../../../src/protocol/api.js';
import { fetchApi } from '../../../src/protocol/apis/fetch/index.js';
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

describe('Fetch codecs', () => {
  it('covers versions 13, 14, 15, 16, 17, 18 in ascending order under key 1', () => {
    expect(fetchApi.apiKey).toBe(1);
    expect(fetchApi.codecs.map((c) => c.version)).toEqual([13, 14, 15, 16, 17, 18]);
    for (const c of fetchApi.codecs) expect(c.apiKey).toBe(1);
  });

  it('v13: round-trips fully populated request and response', () => {
    const codec = fetchApi.codecs[0]!;
    expect(codec.version).toBe(13);
    roundTrip(
      codec,
      {
        clusterId: 's1-ü',
        replicaId: 200007,
        maxWaitMs: 300010,
        minBytes: 400013,
        maxBytes: 500016,
        isolationLevel: 7,
        sessionId: 700022,
        sessionEpoch: 800025,
        topics: [
          {
            topicId: uuid(9),
            partitions: [
              {
                partition: 1000031,
                currentLeaderEpoch: 1100034,
                fetchOffset: 1700000000000012,
                lastFetchedEpoch: 1300040,
                logStartOffset: 1700000000000014,
                partitionMaxBytes: 1500046,
              },
              {
                partition: 1600049,
                currentLeaderEpoch: 1700052,
                fetchOffset: 1700000000000018,
                lastFetchedEpoch: 1900058,
                logStartOffset: 1700000000000020,
                partitionMaxBytes: 2100064,
              },
            ],
          },
          { topicId: uuid(22), partitions: [] },
        ],
        forgottenTopicsData: [
          { topicId: uuid(23), partitions: [2400073, 2500076] },
          { topicId: uuid(26), partitions: [] },
        ],
        rackId: 's27-ü',
      },
      {
        throttleTimeMs: 2800085,
        errorCode: -204,
        sessionId: 3000091,
        responses: [
          {
            topicId: uuid(31),
            partitions: [
              {
                partitionIndex: 3200097,
                errorCode: -232,
                highWatermark: 1700000000000034,
                lastStableOffset: 1700000000000035,
                logStartOffset: 1700000000000036,
                divergingEpoch: { epoch: 3700112, endOffset: 1700000000000038 },
                currentLeader: { leaderId: 3900118, leaderEpoch: 4000121 },
                snapshotId: { endOffset: 1700000000000041, epoch: 4200127 },
                abortedTransactions: [
                  { producerId: 1700000000000043, firstOffset: 1700000000000044 },
                  { producerId: 1700000000000045, firstOffset: 1700000000000046 },
                ],
                preferredReadReplica: 4700142,
                records: Buffer.from([48, 1, 2, 3]),
              },
              {
                partitionIndex: 4900148,
                errorCode: -351,
                highWatermark: 1700000000000051,
                lastStableOffset: 1700000000000052,
                logStartOffset: 1700000000000053,
                abortedTransactions: null,
                preferredReadReplica: 5400163,
                records: null,
              },
            ],
          },
          { topicId: uuid(55), partitions: [] },
        ],
      },
    );
  });

  it('v13: round-trips nulls and empty arrays', () => {
    roundTrip(
      fetchApi.codecs[0]!,
      {
        replicaId: 5600169,
        maxWaitMs: 5700172,
        minBytes: 5800175,
        maxBytes: 5900178,
        isolationLevel: 61,
        sessionId: 6100184,
        sessionEpoch: 6200187,
        topics: [],
        forgottenTopicsData: [],
        rackId: 's63-ü',
      },
      { throttleTimeMs: 6400193, errorCode: -456, sessionId: 6600199, responses: [] },
    );
  });

  it('v13: every truncation of a response is a DecodeError', () => {
    truncationsFail(fetchApi.codecs[0]!, {
      throttleTimeMs: 2800085,
      errorCode: -204,
      sessionId: 3000091,
      responses: [
        {
          topicId: uuid(31),
          partitions: [
            {
              partitionIndex: 3200097,
              errorCode: -232,
              highWatermark: 1700000000000034,
              lastStableOffset: 1700000000000035,
              logStartOffset: 1700000000000036,
              divergingEpoch: { epoch: 3700112, endOffset: 1700000000000038 },
              currentLeader: { leaderId: 3900118, leaderEpoch: 4000121 },
              snapshotId: { endOffset: 1700000000000041, epoch: 4200127 },
              abortedTransactions: [
                { producerId: 1700000000000043, firstOffset: 1700000000000044 },
                { producerId: 1700000000000045, firstOffset: 1700000000000046 },
              ],
              preferredReadReplica: 4700142,
              records: Buffer.from([48, 1, 2, 3]),
            },
            {
              partitionIndex: 4900148,
              errorCode: -351,
              highWatermark: 1700000000000051,
              lastStableOffset: 1700000000000052,
              logStartOffset: 1700000000000053,
              abortedTransactions: null,
              preferredReadReplica: 5400163,
              records: null,
            },
          ],
        },
        { topicId: uuid(55), partitions: [] },
      ],
    });
  });

  it('v14: round-trips fully populated request and response', () => {
    const codec = fetchApi.codecs[1]!;
    expect(codec.version).toBe(14);
    roundTrip(
      codec,
      {
        clusterId: 's1-ü',
        replicaId: 200007,
        maxWaitMs: 300010,
        minBytes: 400013,
        maxBytes: 500016,
        isolationLevel: 7,
        sessionId: 700022,
        sessionEpoch: 800025,
        topics: [
          {
            topicId: uuid(9),
            partitions: [
              {
                partition: 1000031,
                currentLeaderEpoch: 1100034,
                fetchOffset: 1700000000000012,
                lastFetchedEpoch: 1300040,
                logStartOffset: 1700000000000014,
                partitionMaxBytes: 1500046,
              },
              {
                partition: 1600049,
                currentLeaderEpoch: 1700052,
                fetchOffset: 1700000000000018,
                lastFetchedEpoch: 1900058,
                logStartOffset: 1700000000000020,
                partitionMaxBytes: 2100064,
              },
            ],
          },
          { topicId: uuid(22), partitions: [] },
        ],
        forgottenTopicsData: [
          { topicId: uuid(23), partitions: [2400073, 2500076] },
          { topicId: uuid(26), partitions: [] },
        ],
        rackId: 's27-ü',
      },
      {
        throttleTimeMs: 2800085,
        errorCode: -204,
        sessionId: 3000091,
        responses: [
          {
            topicId: uuid(31),
            partitions: [
              {
                partitionIndex: 3200097,
                errorCode: -232,
                highWatermark: 1700000000000034,
                lastStableOffset: 1700000000000035,
                logStartOffset: 1700000000000036,
                divergingEpoch: { epoch: 3700112, endOffset: 1700000000000038 },
                currentLeader: { leaderId: 3900118, leaderEpoch: 4000121 },
                snapshotId: { endOffset: 1700000000000041, epoch: 4200127 },
                abortedTransactions: [
                  { producerId: 1700000000000043, firstOffset: 1700000000000044 },
                  { producerId: 1700000000000045, firstOffset: 1700000000000046 },
                ],
                preferredReadReplica: 4700142,
                records: Buffer.from([48, 1, 2, 3]),
              },
              {
                partitionIndex: 4900148,
                errorCode: -351,
                highWatermark: 1700000000000051,
                lastStableOffset: 1700000000000052,
                logStartOffset: 1700000000000053,
                abortedTransactions: null,
                preferredReadReplica: 5400163,
                records: null,
              },
            ],
          },
          { topicId: uuid(55), partitions: [] },
        ],
      },
    );
  });

  it('v14: round-trips nulls and empty arrays', () => {
    roundTrip(
      fetchApi.codecs[1]!,
      {
        replicaId: 5600169,
        maxWaitMs: 5700172,
        minBytes: 5800175,
        maxBytes: 5900178,
        isolationLevel: 61,
        sessionId: 6100184,
        sessionEpoch: 6200187,
        topics: [],
        forgottenTopicsData: [],
        rackId: 's63-ü',
      },
      { throttleTimeMs: 6400193, errorCode: -456, sessionId: 6600199, responses: [] },
    );
  });

  it('v14: every truncation of a response is a DecodeError', () => {
    truncationsFail(fetchApi.codecs[1]!, {
      throttleTimeMs: 2800085,
      errorCode: -204,
      sessionId: 3000091,
      responses: [
        {
          topicId: uuid(31),
          partitions: [
            {
              partitionIndex: 3200097,
              errorCode: -232,
              highWatermark: 1700000000000034,
              lastStableOffset: 1700000000000035,
              logStartOffset: 1700000000000036,
              divergingEpoch: { epoch: 3700112, endOffset: 1700000000000038 },
              currentLeader: { leaderId: 3900118, leaderEpoch: 4000121 },
              snapshotId: { endOffset: 1700000000000041, epoch: 4200127 },
              abortedTransactions: [
                { producerId: 1700000000000043, firstOffset: 1700000000000044 },
                { producerId: 1700000000000045, firstOffset: 1700000000000046 },
              ],
              preferredReadReplica: 4700142,
              records: Buffer.from([48, 1, 2, 3]),
            },
            {
              partitionIndex: 4900148,
              errorCode: -351,
              highWatermark: 1700000000000051,
              lastStableOffset: 1700000000000052,
              logStartOffset: 1700000000000053,
              abortedTransactions: null,
              preferredReadReplica: 5400163,
              records: null,
            },
          ],
        },
        { topicId: uuid(55), partitions: [] },
      ],
    });
  });

  it('v15: round-trips fully populated request and response', () => {
    const codec = fetchApi.codecs[2]!;
    expect(codec.version).toBe(15);
    roundTrip(
      codec,
      {
        clusterId: 's1-ü',
        replicaState: { replicaId: 200007, replicaEpoch: 1700000000000003 },
        maxWaitMs: 400013,
        minBytes: 500016,
        maxBytes: 600019,
        isolationLevel: 8,
        sessionId: 800025,
        sessionEpoch: 900028,
        topics: [
          {
            topicId: uuid(10),
            partitions: [
              {
                partition: 1100034,
                currentLeaderEpoch: 1200037,
                fetchOffset: 1700000000000013,
                lastFetchedEpoch: 1400043,
                logStartOffset: 1700000000000015,
                partitionMaxBytes: 1600049,
              },
              {
                partition: 1700052,
                currentLeaderEpoch: 1800055,
                fetchOffset: 1700000000000019,
                lastFetchedEpoch: 2000061,
                logStartOffset: 1700000000000021,
                partitionMaxBytes: 2200067,
              },
            ],
          },
          { topicId: uuid(23), partitions: [] },
        ],
        forgottenTopicsData: [
          { topicId: uuid(24), partitions: [2500076, 2600079] },
          { topicId: uuid(27), partitions: [] },
        ],
        rackId: 's28-ü',
      },
      {
        throttleTimeMs: 2900088,
        errorCode: -211,
        sessionId: 3100094,
        responses: [
          {
            topicId: uuid(32),
            partitions: [
              {
                partitionIndex: 3300100,
                errorCode: -239,
                highWatermark: 1700000000000035,
                lastStableOffset: 1700000000000036,
                logStartOffset: 1700000000000037,
                divergingEpoch: { epoch: 3800115, endOffset: 1700000000000039 },
                currentLeader: { leaderId: 4000121, leaderEpoch: 4100124 },
                snapshotId: { endOffset: 1700000000000042, epoch: 4300130 },
                abortedTransactions: [
                  { producerId: 1700000000000044, firstOffset: 1700000000000045 },
                  { producerId: 1700000000000046, firstOffset: 1700000000000047 },
                ],
                preferredReadReplica: 4800145,
                records: Buffer.from([49, 1, 2, 3]),
              },
              {
                partitionIndex: 5000151,
                errorCode: -358,
                highWatermark: 1700000000000052,
                lastStableOffset: 1700000000000053,
                logStartOffset: 1700000000000054,
                abortedTransactions: null,
                preferredReadReplica: 5500166,
                records: null,
              },
            ],
          },
          { topicId: uuid(56), partitions: [] },
        ],
      },
    );
  });

  it('v15: round-trips nulls and empty arrays', () => {
    roundTrip(
      fetchApi.codecs[2]!,
      {
        maxWaitMs: 5700172,
        minBytes: 5800175,
        maxBytes: 5900178,
        isolationLevel: 61,
        sessionId: 6100184,
        sessionEpoch: 6200187,
        topics: [],
        forgottenTopicsData: [],
        rackId: 's63-ü',
      },
      { throttleTimeMs: 6400193, errorCode: -456, sessionId: 6600199, responses: [] },
    );
  });

  it('v15: every truncation of a response is a DecodeError', () => {
    truncationsFail(fetchApi.codecs[2]!, {
      throttleTimeMs: 2900088,
      errorCode: -211,
      sessionId: 3100094,
      responses: [
        {
          topicId: uuid(32),
          partitions: [
            {
              partitionIndex: 3300100,
              errorCode: -239,
              highWatermark: 1700000000000035,
              lastStableOffset: 1700000000000036,
              logStartOffset: 1700000000000037,
              divergingEpoch: { epoch: 3800115, endOffset: 1700000000000039 },
              currentLeader: { leaderId: 4000121, leaderEpoch: 4100124 },
              snapshotId: { endOffset: 1700000000000042, epoch: 4300130 },
              abortedTransactions: [
                { producerId: 1700000000000044, firstOffset: 1700000000000045 },
                { producerId: 1700000000000046, firstOffset: 1700000000000047 },
              ],
              preferredReadReplica: 4800145,
              records: Buffer.from([49, 1, 2, 3]),
            },
            {
              partitionIndex: 5000151,
              errorCode: -358,
              highWatermark: 1700000000000052,
              lastStableOffset: 1700000000000053,
              logStartOffset: 1700000000000054,
              abortedTransactions: null,
              preferredReadReplica: 5500166,
              records: null,
            },
          ],
        },
        { topicId: uuid(56), partitions: [] },
      ],
    });
  });

  it('v16: round-trips fully populated request and response', () => {
    const codec = fetchApi.codecs[3]!;
    expect(codec.version).toBe(16);
    roundTrip(
      codec,
      {
        clusterId: 's1-ü',
        replicaState: { replicaId: 200007, replicaEpoch: 1700000000000003 },
        maxWaitMs: 400013,
        minBytes: 500016,
        maxBytes: 600019,
        isolationLevel: 8,
        sessionId: 800025,
        sessionEpoch: 900028,
        topics: [
          {
            topicId: uuid(10),
            partitions: [
              {
                partition: 1100034,
                currentLeaderEpoch: 1200037,
                fetchOffset: 1700000000000013,
                lastFetchedEpoch: 1400043,
                logStartOffset: 1700000000000015,
                partitionMaxBytes: 1600049,
              },
              {
                partition: 1700052,
                currentLeaderEpoch: 1800055,
                fetchOffset: 1700000000000019,
                lastFetchedEpoch: 2000061,
                logStartOffset: 1700000000000021,
                partitionMaxBytes: 2200067,
              },
            ],
          },
          { topicId: uuid(23), partitions: [] },
        ],
        forgottenTopicsData: [
          { topicId: uuid(24), partitions: [2500076, 2600079] },
          { topicId: uuid(27), partitions: [] },
        ],
        rackId: 's28-ü',
      },
      {
        throttleTimeMs: 2900088,
        errorCode: -211,
        sessionId: 3100094,
        responses: [
          {
            topicId: uuid(32),
            partitions: [
              {
                partitionIndex: 3300100,
                errorCode: -239,
                highWatermark: 1700000000000035,
                lastStableOffset: 1700000000000036,
                logStartOffset: 1700000000000037,
                divergingEpoch: { epoch: 3800115, endOffset: 1700000000000039 },
                currentLeader: { leaderId: 4000121, leaderEpoch: 4100124 },
                snapshotId: { endOffset: 1700000000000042, epoch: 4300130 },
                abortedTransactions: [
                  { producerId: 1700000000000044, firstOffset: 1700000000000045 },
                  { producerId: 1700000000000046, firstOffset: 1700000000000047 },
                ],
                preferredReadReplica: 4800145,
                records: Buffer.from([49, 1, 2, 3]),
              },
              {
                partitionIndex: 5000151,
                errorCode: -358,
                highWatermark: 1700000000000052,
                lastStableOffset: 1700000000000053,
                logStartOffset: 1700000000000054,
                abortedTransactions: null,
                preferredReadReplica: 5500166,
                records: null,
              },
            ],
          },
          { topicId: uuid(56), partitions: [] },
        ],
        nodeEndpoints: [
          { nodeId: 5700172, host: 's58-ü', port: 5900178, rack: 's60-ü' },
          { nodeId: 6100184, host: 's62-ü', port: 6300190, rack: null },
        ],
      },
    );
  });

  it('v16: round-trips nulls and empty arrays', () => {
    roundTrip(
      fetchApi.codecs[3]!,
      {
        maxWaitMs: 6400193,
        minBytes: 6500196,
        maxBytes: 6600199,
        isolationLevel: 68,
        sessionId: 6800205,
        sessionEpoch: 6900208,
        topics: [],
        forgottenTopicsData: [],
        rackId: 's70-ü',
      },
      { throttleTimeMs: 7100214, errorCode: -505, sessionId: 7300220, responses: [] },
    );
  });

  it('v16: every truncation of a response is a DecodeError', () => {
    truncationsFail(fetchApi.codecs[3]!, {
      throttleTimeMs: 2900088,
      errorCode: -211,
      sessionId: 3100094,
      responses: [
        {
          topicId: uuid(32),
          partitions: [
            {
              partitionIndex: 3300100,
              errorCode: -239,
              highWatermark: 1700000000000035,
              lastStableOffset: 1700000000000036,
              logStartOffset: 1700000000000037,
              divergingEpoch: { epoch: 3800115, endOffset: 1700000000000039 },
              currentLeader: { leaderId: 4000121, leaderEpoch: 4100124 },
              snapshotId: { endOffset: 1700000000000042, epoch: 4300130 },
              abortedTransactions: [
                { producerId: 1700000000000044, firstOffset: 1700000000000045 },
                { producerId: 1700000000000046, firstOffset: 1700000000000047 },
              ],
              preferredReadReplica: 4800145,
              records: Buffer.from([49, 1, 2, 3]),
            },
            {
              partitionIndex: 5000151,
              errorCode: -358,
              highWatermark: 1700000000000052,
              lastStableOffset: 1700000000000053,
              logStartOffset: 1700000000000054,
              abortedTransactions: null,
              preferredReadReplica: 5500166,
              records: null,
            },
          ],
        },
        { topicId: uuid(56), partitions: [] },
      ],
      nodeEndpoints: [
        { nodeId: 5700172, host: 's58-ü', port: 5900178, rack: 's60-ü' },
        { nodeId: 6100184, host: 's62-ü', port: 6300190, rack: null },
      ],
    });
  });

  it('v17: round-trips fully populated request and response', () => {
    const codec = fetchApi.codecs[4]!;
    expect(codec.version).toBe(17);
    roundTrip(
      codec,
      {
        clusterId: 's1-ü',
        replicaState: { replicaId: 200007, replicaEpoch: 1700000000000003 },
        maxWaitMs: 400013,
        minBytes: 500016,
        maxBytes: 600019,
        isolationLevel: 8,
        sessionId: 800025,
        sessionEpoch: 900028,
        topics: [
          {
            topicId: uuid(10),
            partitions: [
              {
                partition: 1100034,
                currentLeaderEpoch: 1200037,
                fetchOffset: 1700000000000013,
                lastFetchedEpoch: 1400043,
                logStartOffset: 1700000000000015,
                partitionMaxBytes: 1600049,
                replicaDirectoryId: uuid(17),
              },
              {
                partition: 1800055,
                currentLeaderEpoch: 1900058,
                fetchOffset: 1700000000000020,
                lastFetchedEpoch: 2100064,
                logStartOffset: 1700000000000022,
                partitionMaxBytes: 2300070,
              },
            ],
          },
          { topicId: uuid(24), partitions: [] },
        ],
        forgottenTopicsData: [
          { topicId: uuid(25), partitions: [2600079, 2700082] },
          { topicId: uuid(28), partitions: [] },
        ],
        rackId: 's29-ü',
      },
      {
        throttleTimeMs: 3000091,
        errorCode: -218,
        sessionId: 3200097,
        responses: [
          {
            topicId: uuid(33),
            partitions: [
              {
                partitionIndex: 3400103,
                errorCode: -246,
                highWatermark: 1700000000000036,
                lastStableOffset: 1700000000000037,
                logStartOffset: 1700000000000038,
                divergingEpoch: { epoch: 3900118, endOffset: 1700000000000040 },
                currentLeader: { leaderId: 4100124, leaderEpoch: 4200127 },
                snapshotId: { endOffset: 1700000000000043, epoch: 4400133 },
                abortedTransactions: [
                  { producerId: 1700000000000045, firstOffset: 1700000000000046 },
                  { producerId: 1700000000000047, firstOffset: 1700000000000048 },
                ],
                preferredReadReplica: 4900148,
                records: Buffer.from([50, 1, 2, 3]),
              },
              {
                partitionIndex: 5100154,
                errorCode: -365,
                highWatermark: 1700000000000053,
                lastStableOffset: 1700000000000054,
                logStartOffset: 1700000000000055,
                abortedTransactions: null,
                preferredReadReplica: 5600169,
                records: null,
              },
            ],
          },
          { topicId: uuid(57), partitions: [] },
        ],
        nodeEndpoints: [
          { nodeId: 5800175, host: 's59-ü', port: 6000181, rack: 's61-ü' },
          { nodeId: 6200187, host: 's63-ü', port: 6400193, rack: null },
        ],
      },
    );
  });

  it('v17: round-trips nulls and empty arrays', () => {
    roundTrip(
      fetchApi.codecs[4]!,
      {
        maxWaitMs: 6500196,
        minBytes: 6600199,
        maxBytes: 6700202,
        isolationLevel: 69,
        sessionId: 6900208,
        sessionEpoch: 7000211,
        topics: [],
        forgottenTopicsData: [],
        rackId: 's71-ü',
      },
      { throttleTimeMs: 7200217, errorCode: -512, sessionId: 7400223, responses: [] },
    );
  });

  it('v17: every truncation of a response is a DecodeError', () => {
    truncationsFail(fetchApi.codecs[4]!, {
      throttleTimeMs: 3000091,
      errorCode: -218,
      sessionId: 3200097,
      responses: [
        {
          topicId: uuid(33),
          partitions: [
            {
              partitionIndex: 3400103,
              errorCode: -246,
              highWatermark: 1700000000000036,
              lastStableOffset: 1700000000000037,
              logStartOffset: 1700000000000038,
              divergingEpoch: { epoch: 3900118, endOffset: 1700000000000040 },
              currentLeader: { leaderId: 4100124, leaderEpoch: 4200127 },
              snapshotId: { endOffset: 1700000000000043, epoch: 4400133 },
              abortedTransactions: [
                { producerId: 1700000000000045, firstOffset: 1700000000000046 },
                { producerId: 1700000000000047, firstOffset: 1700000000000048 },
              ],
              preferredReadReplica: 4900148,
              records: Buffer.from([50, 1, 2, 3]),
            },
            {
              partitionIndex: 5100154,
              errorCode: -365,
              highWatermark: 1700000000000053,
              lastStableOffset: 1700000000000054,
              logStartOffset: 1700000000000055,
              abortedTransactions: null,
              preferredReadReplica: 5600169,
              records: null,
            },
          ],
        },
        { topicId: uuid(57), partitions: [] },
      ],
      nodeEndpoints: [
        { nodeId: 5800175, host: 's59-ü', port: 6000181, rack: 's61-ü' },
        { nodeId: 6200187, host: 's63-ü', port: 6400193, rack: null },
      ],
    });
  });

  it('v18: round-trips fully populated request and response', () => {
    const codec = fetchApi.codecs[5]!;
    expect(codec.version).toBe(18);
    roundTrip(
      codec,
      {
        clusterId: 's1-ü',
        replicaState: { replicaId: 200007, replicaEpoch: 1700000000000003 },
        maxWaitMs: 400013,
        minBytes: 500016,
        maxBytes: 600019,
        isolationLevel: 8,
        sessionId: 800025,
        sessionEpoch: 900028,
        topics: [
          {
            topicId: uuid(10),
            partitions: [
              {
                partition: 1100034,
                currentLeaderEpoch: 1200037,
                fetchOffset: 1700000000000013,
                lastFetchedEpoch: 1400043,
                logStartOffset: 1700000000000015,
                partitionMaxBytes: 1600049,
                replicaDirectoryId: uuid(17),
                highWatermark: 1700000000000018,
              },
              {
                partition: 1900058,
                currentLeaderEpoch: 2000061,
                fetchOffset: 1700000000000021,
                lastFetchedEpoch: 2200067,
                logStartOffset: 1700000000000023,
                partitionMaxBytes: 2400073,
              },
            ],
          },
          { topicId: uuid(25), partitions: [] },
        ],
        forgottenTopicsData: [
          { topicId: uuid(26), partitions: [2700082, 2800085] },
          { topicId: uuid(29), partitions: [] },
        ],
        rackId: 's30-ü',
      },
      {
        throttleTimeMs: 3100094,
        errorCode: -225,
        sessionId: 3300100,
        responses: [
          {
            topicId: uuid(34),
            partitions: [
              {
                partitionIndex: 3500106,
                errorCode: -253,
                highWatermark: 1700000000000037,
                lastStableOffset: 1700000000000038,
                logStartOffset: 1700000000000039,
                divergingEpoch: { epoch: 4000121, endOffset: 1700000000000041 },
                currentLeader: { leaderId: 4200127, leaderEpoch: 4300130 },
                snapshotId: { endOffset: 1700000000000044, epoch: 4500136 },
                abortedTransactions: [
                  { producerId: 1700000000000046, firstOffset: 1700000000000047 },
                  { producerId: 1700000000000048, firstOffset: 1700000000000049 },
                ],
                preferredReadReplica: 5000151,
                records: Buffer.from([51, 1, 2, 3]),
              },
              {
                partitionIndex: 5200157,
                errorCode: -372,
                highWatermark: 1700000000000054,
                lastStableOffset: 1700000000000055,
                logStartOffset: 1700000000000056,
                abortedTransactions: null,
                preferredReadReplica: 5700172,
                records: null,
              },
            ],
          },
          { topicId: uuid(58), partitions: [] },
        ],
        nodeEndpoints: [
          { nodeId: 5900178, host: 's60-ü', port: 6100184, rack: 's62-ü' },
          { nodeId: 6300190, host: 's64-ü', port: 6500196, rack: null },
        ],
      },
    );
  });

  it('v18: round-trips nulls and empty arrays', () => {
    roundTrip(
      fetchApi.codecs[5]!,
      {
        maxWaitMs: 6600199,
        minBytes: 6700202,
        maxBytes: 6800205,
        isolationLevel: 70,
        sessionId: 7000211,
        sessionEpoch: 7100214,
        topics: [],
        forgottenTopicsData: [],
        rackId: 's72-ü',
      },
      { throttleTimeMs: 7300220, errorCode: -519, sessionId: 7500226, responses: [] },
    );
  });

  it('v18: every truncation of a response is a DecodeError', () => {
    truncationsFail(fetchApi.codecs[5]!, {
      throttleTimeMs: 3100094,
      errorCode: -225,
      sessionId: 3300100,
      responses: [
        {
          topicId: uuid(34),
          partitions: [
            {
              partitionIndex: 3500106,
              errorCode: -253,
              highWatermark: 1700000000000037,
              lastStableOffset: 1700000000000038,
              logStartOffset: 1700000000000039,
              divergingEpoch: { epoch: 4000121, endOffset: 1700000000000041 },
              currentLeader: { leaderId: 4200127, leaderEpoch: 4300130 },
              snapshotId: { endOffset: 1700000000000044, epoch: 4500136 },
              abortedTransactions: [
                { producerId: 1700000000000046, firstOffset: 1700000000000047 },
                { producerId: 1700000000000048, firstOffset: 1700000000000049 },
              ],
              preferredReadReplica: 5000151,
              records: Buffer.from([51, 1, 2, 3]),
            },
            {
              partitionIndex: 5200157,
              errorCode: -372,
              highWatermark: 1700000000000054,
              lastStableOffset: 1700000000000055,
              logStartOffset: 1700000000000056,
              abortedTransactions: null,
              preferredReadReplica: 5700172,
              records: null,
            },
          ],
        },
        { topicId: uuid(58), partitions: [] },
      ],
      nodeEndpoints: [
        { nodeId: 5900178, host: 's60-ü', port: 6100184, rack: 's62-ü' },
        { nodeId: 6300190, host: 's64-ü', port: 6500196, rack: null },
      ],
    });
  });
});
