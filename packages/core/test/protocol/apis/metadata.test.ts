import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../src/errors.js';
import { metadataApi, metadataV12, metadataV13 } from '../../../src/protocol/apis/metadata/index.js';
import type { MetadataRequest, MetadataResponse } from '../../../src/protocol/apis/metadata/types.js';
import { Reader } from '../../../src/protocol/reader.js';
import { encodeResponse, roundTrip } from './client-codec-helpers.js';

const ZERO = 'AAAAAAAAAAAAAAAAAAAAAA';

const request: MetadataRequest = {
  topics: [
    { topicId: ZERO, name: 'jobs' },
    { topicId: 'q2Fma2EtdG9waWMtaWQxMg', name: null },
  ],
  allowAutoTopicCreation: false,
  includeTopicAuthorizedOperations: true,
};

const response = (errorCode: number): MetadataResponse => ({
  throttleTimeMs: 3,
  brokers: [
    { nodeId: 1, host: '127.0.0.1', port: 39092, rack: null },
    { nodeId: 2, host: 'kafka-2.local', port: 9092, rack: 'r1' },
  ],
  clusterId: 'MkU3OEVBNTcwNTJENDM2Qk',
  controllerId: 1,
  topics: [
    {
      errorCode: 0,
      name: 'jobs',
      topicId: 'q2Fma2EtdG9waWMtaWQxMg',
      isInternal: false,
      partitions: [
        {
          errorCode: 0,
          partitionIndex: 0,
          leaderId: 1,
          leaderEpoch: 4,
          replicaNodes: [1, 2],
          isrNodes: [1],
          offlineReplicas: [2],
        },
        {
          errorCode: 5,
          partitionIndex: 1,
          leaderId: -1,
          leaderEpoch: -1,
          replicaNodes: [],
          isrNodes: [],
          offlineReplicas: [],
        },
      ],
      topicAuthorizedOperations: -2147483648,
    },
    {
      errorCode: 100,
      name: null,
      topicId: ZERO,
      isInternal: false,
      partitions: [],
      topicAuthorizedOperations: 0,
    },
  ],
  errorCode,
});

describe('Metadata v12', () => {
  it('round-trips request and response (no top-level error on the wire)', () => {
    const out = roundTrip(metadataV12, request, response(0));
    expect(out.req).toEqual(request);
    expect(out.res).toEqual(response(0));
  });

  it('round-trips a null (all topics) topic list', () => {
    const all: MetadataRequest = {
      topics: null,
      allowAutoTopicCreation: true,
      includeTopicAuthorizedOperations: false,
    };
    expect(roundTrip(metadataV12, all, response(0)).req).toEqual(all);
  });

  it('is two bytes shorter than v13', () => {
    expect(
      encodeResponse(metadataV13, response(0)).length - encodeResponse(metadataV12, response(0)).length,
    ).toBe(2);
  });
});

describe('Metadata v13', () => {
  it('round-trips request and response with the top-level error code', () => {
    const out = roundTrip(metadataV13, request, response(129));
    expect(out.req).toEqual(request);
    expect(out.res.errorCode).toBe(129);
    expect(out.res).toEqual(response(129));
  });

  it('throws DecodeError on every truncation', () => {
    const bytes = encodeResponse(metadataV13, response(0));
    for (let n = 0; n < bytes.length; n++) {
      expect(() => metadataV13.decodeResponse(new Reader(bytes.subarray(0, n))), `cut at ${n}`).toThrow(
        DecodeError,
      );
    }
  });
});

it('metadataApi lists v12 and v13 under key 3', () => {
  expect(metadataApi.apiKey).toBe(3);
  expect(metadataApi.codecs.map((c) => c.version)).toEqual([12, 13]);
});
