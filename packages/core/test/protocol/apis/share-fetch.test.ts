import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../src/errors.js';
import type { ApiCodec } from '../../../src/protocol/api.js';
import { shareFetchApi } from '../../../src/protocol/apis/share-fetch/index.js';
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

describe('ShareFetch codecs', () => {
  it('covers versions 1, 2 in ascending order under key 78', () => {
    expect(shareFetchApi.apiKey).toBe(78);
    expect(shareFetchApi.codecs.map((c) => c.version)).toEqual([1, 2]);
    for (const c of shareFetchApi.codecs) expect(c.apiKey).toBe(78);
  });

  it('v1: round-trips fully populated request and response', () => {
    const codec = shareFetchApi.codecs[0]!;
    expect(codec.version).toBe(1);
    roundTrip(
      codec,
      {
        groupId: 's1-ü',
        memberId: 's2-ü',
        shareSessionEpoch: 300010,
        maxWaitMs: 400013,
        minBytes: 500016,
        maxBytes: 600019,
        maxRecords: 700022,
        batchSize: 800025,
        topics: [
          {
            topicId: uuid(9),
            partitions: [
              {
                partitionIndex: 1000031,
                acknowledgementBatches: [
                  { firstOffset: 1700000000000011, lastOffset: 1700000000000012, acknowledgeTypes: [14, 15] },
                  { firstOffset: 1700000000000015, lastOffset: 1700000000000016, acknowledgeTypes: [] },
                ],
              },
              { partitionIndex: 1700052, acknowledgementBatches: [] },
            ],
          },
          { topicId: uuid(18), partitions: [] },
        ],
        forgottenTopicsData: [
          { topicId: uuid(19), partitions: [2000061, 2100064] },
          { topicId: uuid(22), partitions: [] },
        ],
      },
      {
        throttleTimeMs: 2300070,
        errorCode: -169,
        errorMessage: 's25-ü',
        acquisitionLockTimeoutMs: 2600079,
        responses: [
          {
            topicId: uuid(27),
            partitions: [
              {
                partitionIndex: 2800085,
                errorCode: -204,
                errorMessage: 's30-ü',
                acknowledgeErrorCode: -218,
                acknowledgeErrorMessage: 's32-ü',
                currentLeader: { leaderId: 3300100, leaderEpoch: 3400103 },
                records: Buffer.from([35, 1, 2, 3]),
                acquiredRecords: [
                  { firstOffset: 1700000000000036, lastOffset: 1700000000000037, deliveryCount: -267 },
                  { firstOffset: 1700000000000039, lastOffset: 1700000000000040, deliveryCount: -288 },
                ],
              },
              {
                partitionIndex: 4200127,
                errorCode: -302,
                errorMessage: null,
                acknowledgeErrorCode: -309,
                acknowledgeErrorMessage: null,
                currentLeader: { leaderId: 4500136, leaderEpoch: 4600139 },
                records: Buffer.from([47, 1, 2, 3]),
                acquiredRecords: [],
              },
            ],
          },
          { topicId: uuid(48), partitions: [] },
        ],
        nodeEndpoints: [
          { nodeId: 4900148, host: 's50-ü', port: 5100154, rack: 's52-ü' },
          { nodeId: 5300160, host: 's54-ü', port: 5500166, rack: null },
        ],
      },
    );
  });

  it('v1: round-trips nulls and empty arrays', () => {
    roundTrip(
      shareFetchApi.codecs[0]!,
      {
        groupId: null,
        memberId: null,
        shareSessionEpoch: 5600169,
        maxWaitMs: 5700172,
        minBytes: 5800175,
        maxBytes: 5900178,
        maxRecords: 6000181,
        batchSize: 6100184,
        topics: [],
        forgottenTopicsData: [],
      },
      {
        throttleTimeMs: 6200187,
        errorCode: -442,
        errorMessage: null,
        acquisitionLockTimeoutMs: 6400193,
        responses: [],
        nodeEndpoints: [],
      },
    );
  });

  it('v1: every truncation of a response is a DecodeError', () => {
    truncationsFail(shareFetchApi.codecs[0]!, {
      throttleTimeMs: 2300070,
      errorCode: -169,
      errorMessage: 's25-ü',
      acquisitionLockTimeoutMs: 2600079,
      responses: [
        {
          topicId: uuid(27),
          partitions: [
            {
              partitionIndex: 2800085,
              errorCode: -204,
              errorMessage: 's30-ü',
              acknowledgeErrorCode: -218,
              acknowledgeErrorMessage: 's32-ü',
              currentLeader: { leaderId: 3300100, leaderEpoch: 3400103 },
              records: Buffer.from([35, 1, 2, 3]),
              acquiredRecords: [
                { firstOffset: 1700000000000036, lastOffset: 1700000000000037, deliveryCount: -267 },
                { firstOffset: 1700000000000039, lastOffset: 1700000000000040, deliveryCount: -288 },
              ],
            },
            {
              partitionIndex: 4200127,
              errorCode: -302,
              errorMessage: null,
              acknowledgeErrorCode: -309,
              acknowledgeErrorMessage: null,
              currentLeader: { leaderId: 4500136, leaderEpoch: 4600139 },
              records: Buffer.from([47, 1, 2, 3]),
              acquiredRecords: [],
            },
          ],
        },
        { topicId: uuid(48), partitions: [] },
      ],
      nodeEndpoints: [
        { nodeId: 4900148, host: 's50-ü', port: 5100154, rack: 's52-ü' },
        { nodeId: 5300160, host: 's54-ü', port: 5500166, rack: null },
      ],
    });
  });

  it('v2: round-trips fully populated request and response', () => {
    const codec = shareFetchApi.codecs[1]!;
    expect(codec.version).toBe(2);
    roundTrip(
      codec,
      {
        groupId: 's1-ü',
        memberId: 's2-ü',
        shareSessionEpoch: 300010,
        maxWaitMs: 400013,
        minBytes: 500016,
        maxBytes: 600019,
        maxRecords: 700022,
        batchSize: 800025,
        shareAcquireMode: 10,
        isRenewAck: false,
        topics: [
          {
            topicId: uuid(11),
            partitions: [
              {
                partitionIndex: 1200037,
                acknowledgementBatches: [
                  { firstOffset: 1700000000000013, lastOffset: 1700000000000014, acknowledgeTypes: [16, 17] },
                  { firstOffset: 1700000000000017, lastOffset: 1700000000000018, acknowledgeTypes: [] },
                ],
              },
              { partitionIndex: 1900058, acknowledgementBatches: [] },
            ],
          },
          { topicId: uuid(20), partitions: [] },
        ],
        forgottenTopicsData: [
          { topicId: uuid(21), partitions: [2200067, 2300070] },
          { topicId: uuid(24), partitions: [] },
        ],
      },
      {
        throttleTimeMs: 2500076,
        errorCode: -183,
        errorMessage: 's27-ü',
        acquisitionLockTimeoutMs: 2800085,
        responses: [
          {
            topicId: uuid(29),
            partitions: [
              {
                partitionIndex: 3000091,
                errorCode: -218,
                errorMessage: 's32-ü',
                acknowledgeErrorCode: -232,
                acknowledgeErrorMessage: 's34-ü',
                currentLeader: { leaderId: 3500106, leaderEpoch: 3600109 },
                records: Buffer.from([37, 1, 2, 3]),
                acquiredRecords: [
                  { firstOffset: 1700000000000038, lastOffset: 1700000000000039, deliveryCount: -281 },
                  { firstOffset: 1700000000000041, lastOffset: 1700000000000042, deliveryCount: -302 },
                ],
              },
              {
                partitionIndex: 4400133,
                errorCode: -316,
                errorMessage: null,
                acknowledgeErrorCode: -323,
                acknowledgeErrorMessage: null,
                currentLeader: { leaderId: 4700142, leaderEpoch: 4800145 },
                records: Buffer.from([49, 1, 2, 3]),
                acquiredRecords: [],
              },
            ],
          },
          { topicId: uuid(50), partitions: [] },
        ],
        nodeEndpoints: [
          { nodeId: 5100154, host: 's52-ü', port: 5300160, rack: 's54-ü' },
          { nodeId: 5500166, host: 's56-ü', port: 5700172, rack: null },
        ],
      },
    );
  });

  it('v2: round-trips nulls and empty arrays', () => {
    roundTrip(
      shareFetchApi.codecs[1]!,
      {
        groupId: null,
        memberId: null,
        shareSessionEpoch: 5800175,
        maxWaitMs: 5900178,
        minBytes: 6000181,
        maxBytes: 6100184,
        maxRecords: 6200187,
        batchSize: 6300190,
        shareAcquireMode: 65,
        isRenewAck: true,
        topics: [],
        forgottenTopicsData: [],
      },
      {
        throttleTimeMs: 6600199,
        errorCode: -470,
        errorMessage: null,
        acquisitionLockTimeoutMs: 6800205,
        responses: [],
        nodeEndpoints: [],
      },
    );
  });

  it('v2: every truncation of a response is a DecodeError', () => {
    truncationsFail(shareFetchApi.codecs[1]!, {
      throttleTimeMs: 2500076,
      errorCode: -183,
      errorMessage: 's27-ü',
      acquisitionLockTimeoutMs: 2800085,
      responses: [
        {
          topicId: uuid(29),
          partitions: [
            {
              partitionIndex: 3000091,
              errorCode: -218,
              errorMessage: 's32-ü',
              acknowledgeErrorCode: -232,
              acknowledgeErrorMessage: 's34-ü',
              currentLeader: { leaderId: 3500106, leaderEpoch: 3600109 },
              records: Buffer.from([37, 1, 2, 3]),
              acquiredRecords: [
                { firstOffset: 1700000000000038, lastOffset: 1700000000000039, deliveryCount: -281 },
                { firstOffset: 1700000000000041, lastOffset: 1700000000000042, deliveryCount: -302 },
              ],
            },
            {
              partitionIndex: 4400133,
              errorCode: -316,
              errorMessage: null,
              acknowledgeErrorCode: -323,
              acknowledgeErrorMessage: null,
              currentLeader: { leaderId: 4700142, leaderEpoch: 4800145 },
              records: Buffer.from([49, 1, 2, 3]),
              acquiredRecords: [],
            },
          ],
        },
        { topicId: uuid(50), partitions: [] },
      ],
      nodeEndpoints: [
        { nodeId: 5100154, host: 's52-ü', port: 5300160, rack: 's54-ü' },
        { nodeId: 5500166, host: 's56-ü', port: 5700172, rack: null },
      ],
    });
  });
});
