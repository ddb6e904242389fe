import { describe, expect, it } from 'vitest';
import { initProducerIdApi } from '../../../src/protocol/apis/init-producer-id/index.js';
import type { InitProducerIdResponse } from '../../../src/protocol/apis/init-producer-id/types.js';
import { codecOf, roundTrip, truncationsFail } from './codec-test-helpers.js';

const fullResponseV2: InitProducerIdResponse = {
  throttleTimeMs: 300010,
  errorCode: -29,
  producerId: 1700000000000005,
  producerEpoch: 32767,
};

describe('InitProducerId codecs', () => {
  it('covers version 2 under key 22', () => {
    expect(initProducerIdApi.apiKey).toBe(22);
    expect(initProducerIdApi.codecs.map((c) => c.version)).toEqual([2]);
    for (const c of initProducerIdApi.codecs) {
      expect(c.apiKey).toBe(22);
      expect(c.flexible).toBe(true);
    }
  });

  it('v2: round-trips fully populated request and response', () => {
    roundTrip(
      codecOf(initProducerIdApi, 2),
      { transactionalId: 's1-ü', transactionTimeoutMs: 60000 },
      fullResponseV2,
    );
  });

  it('v2: round-trips nulls (and the -1 producer id of an error answer)', () => {
    roundTrip(
      codecOf(initProducerIdApi, 2),
      { transactionalId: null, transactionTimeoutMs: 2147483647 },
      { throttleTimeMs: 0, errorCode: 15, producerId: -1, producerEpoch: -1 },
    );
  });

  it('v2: every truncation of a response is a DecodeError', () => {
    truncationsFail(codecOf(initProducerIdApi, 2), fullResponseV2);
  });
});
