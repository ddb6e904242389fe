import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../src/errors.js';
import { produceApi } from '../../../src/protocol/apis/produce/index.js';
import type { ProduceRequest, ProduceResponse } from '../../../src/protocol/apis/produce/types.js';
import { Reader } from '../../../src/protocol/reader.js';
import { Writer } from '../../../src/protocol/writer.js';
import { codecOf, encodeRequest, roundTrip, truncationsFail } from './codec-test-helpers.js';

const fullRequest: ProduceRequest = {
  transactionalId: 's1-ü',
  acks: -1,
  timeoutMs: 300010,
  topicData: [
    {
      name: 's4-ü',
      partitionData: [
        { index: 500016, records: Buffer.from([6, 1, 2, 3, 0x80, 0xff]) },
        { index: 700022, records: null },
        { index: 0, records: Buffer.alloc(0) },
      ],
    },
    { name: 's8-ü', partitionData: [] },
  ],
};

const fullResponse: ProduceResponse = {
  responses: [
    {
      name: 's9-ü',
      partitionResponses: [
        {
          index: 1000031,
          errorCode: -78,
          baseOffset: 1700000000000012,
          logAppendTimeMs: -1,
          logStartOffset: 1700000000000014,
          recordErrors: [
            { batchIndex: 1500046, batchIndexErrorMessage: 's16-ü' },
            { batchIndex: 1700052, batchIndexErrorMessage: null },
          ],
          errorMessage: 's18-ü',
        },
        {
          index: 1900058,
          errorCode: 0,
          baseOffset: 1700000000000021,
          logAppendTimeMs: 1700000000000022,
          logStartOffset: -1,
          recordErrors: [],
          errorMessage: null,
        },
      ],
    },
    { name: 's24-ü', partitionResponses: [] },
  ],
  throttleTimeMs: 2500076,
};

describe('Produce codecs', () => {
  it('covers version 9 under key 0', () => {
    expect(produceApi.apiKey).toBe(0);
    expect(produceApi.codecs.map((c) => c.version)).toEqual([9]);
    for (const c of produceApi.codecs) {
      expect(c.apiKey).toBe(0);
      expect(c.flexible).toBe(true);
    }
  });

  const codec = codecOf(produceApi, 9);

  it('v9: round-trips fully populated request and response', () => {
    roundTrip(codec, fullRequest, fullResponse);
  });

  it('v9: round-trips nulls and empty arrays', () => {
    roundTrip(
      codec,
      { transactionalId: null, acks: 0, timeoutMs: 0, topicData: [] },
      { responses: [], throttleTimeMs: 0 },
    );
  });

  it('v9: every truncation of a response is a DecodeError', () => {
    truncationsFail(codec, fullResponse);
  });

  it('v9: every truncation of a request is a DecodeError', () => {
    const bytes = encodeRequest(codec, fullRequest);
    for (let cut = 0; cut < bytes.length; cut++) {
      expect(() => codec.decodeRequest(new Reader(bytes.subarray(0, cut)))).toThrow(DecodeError);
    }
  });

  it('v9: writes Records as uvarint length + 1 then the raw bytes (0 = null)', () => {
    const records = Buffer.alloc(200, 7);
    const bytes = encodeRequest(codec, {
      transactionalId: null,
      acks: 1,
      timeoutMs: 30000,
      topicData: [
        {
          name: 't',
          partitionData: [
            { index: 3, records },
            { index: 4, records: null },
          ],
        },
      ],
    });
    const expected = Buffer.concat([
      Buffer.from([0x00, 0x00, 0x01, 0x00, 0x00, 0x75, 0x30, 0x02, 0x02, 0x74, 0x03]),
      Buffer.from([0x00, 0x00, 0x00, 0x03, 0xc9, 0x01]),
      records,
      Buffer.from([0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00]),
    ]);
    expect(bytes.toString('hex')).toBe(expected.toString('hex'));
  });

  it('v9: decoding a request returns Records as a view of the input', () => {
    const w = new Writer();
    codec.encodeRequest(w, fullRequest);
    const input = w.toBuffer();
    const records = codec.decodeRequest(new Reader(input)).topicData[0]?.partitionData[0]?.records;
    expect(records?.buffer).toBe(input.buffer);
  });

  it('v9: skips tagged fields of later versions (CurrentLeader, NodeEndpoints)', () => {
    const w = new Writer();
    codec.encodeResponse(w, { responses: [], throttleTimeMs: 5 });
    const plain = w.toBuffer();
    // Replace the empty top-level tag buffer with one tagged field (tag 0, 3 bytes).
    const tagged = Buffer.concat([plain.subarray(0, plain.length - 1), Buffer.from([1, 0, 3, 9, 9, 9])]);
    const r = new Reader(tagged);
    expect(codec.decodeResponse(r)).toEqual({ responses: [], throttleTimeMs: 5 });
    expect(r.remaining).toBe(0);
  });
});
