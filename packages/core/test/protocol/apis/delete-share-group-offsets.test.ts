import { describe, expect, it } from 'vitest';
import { deleteShareGroupOffsetsApi } from '../../../src/protocol/apis/delete-share-group-offsets/index.js';
import type { DeleteShareGroupOffsetsResponse } from '../../../src/protocol/apis/delete-share-group-offsets/types.js';
import { codecOf, roundTrip, truncationsFail, uuid } from './codec-test-helpers.js';

const fullResponseV0: DeleteShareGroupOffsetsResponse = {
  throttleTimeMs: 400013,
  errorCode: -36,
  errorMessage: 's6-ü',
  responses: [
    { topicName: 's7-ü', topicId: uuid(8), errorCode: -64, errorMessage: 's10-ü' },
    { topicName: 's11-ü', topicId: uuid(12), errorCode: -92, errorMessage: null },
  ],
};

describe('DeleteShareGroupOffsets codecs', () => {
  it('covers versions 0 in ascending order under key 92', () => {
    expect(deleteShareGroupOffsetsApi.apiKey).toBe(92);
    expect(deleteShareGroupOffsetsApi.codecs.map((c) => c.version)).toEqual([0]);
    for (const c of deleteShareGroupOffsetsApi.codecs) expect(c.apiKey).toBe(92);
  });

  it('v0: round-trips fully populated request and response', () => {
    roundTrip(
      codecOf(deleteShareGroupOffsetsApi, 0),
      { groupId: 's1-ü', topics: [{ topicName: 's2-ü' }, { topicName: 's3-ü' }] },
      fullResponseV0,
    );
  });

  it('v0: round-trips nulls and empty arrays', () => {
    roundTrip(
      codecOf(deleteShareGroupOffsetsApi, 0),
      { groupId: 's14-ü', topics: [] },
      { throttleTimeMs: 1500046, errorCode: -113, errorMessage: null, responses: [] },
    );
  });

  it('v0: every truncation of a response is a DecodeError', () => {
    truncationsFail(codecOf(deleteShareGroupOffsetsApi, 0), fullResponseV0);
  });
});
