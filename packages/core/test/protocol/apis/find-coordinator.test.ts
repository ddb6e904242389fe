import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../../src/errors.js';
import {
  findCoordinatorApi,
  findCoordinatorV4,
  findCoordinatorV5,
  findCoordinatorV6,
} from '../../../src/protocol/apis/find-coordinator/index.js';
import type { FindCoordinatorResponse } from '../../../src/protocol/apis/find-coordinator/types.js';
import { Reader } from '../../../src/protocol/reader.js';
import { encodeResponse, roundTrip } from './client-codec-helpers.js';

const response: FindCoordinatorResponse = {
  throttleTimeMs: 0,
  coordinators: [
    { key: 'group-a', nodeId: 1, host: '127.0.0.1', port: 39092, errorCode: 0, errorMessage: null },
    { key: 'group-b', nodeId: -1, host: '', port: -1, errorCode: 15, errorMessage: 'not available' },
  ],
};

describe.each([findCoordinatorV4, findCoordinatorV5, findCoordinatorV6])(
  'FindCoordinator v$version',
  (codec) => {
    it('round-trips a batched request and response', () => {
      const req = { keyType: 0, coordinatorKeys: ['group-a', 'group-b'] };
      const out = roundTrip(codec, req, response);
      expect(out.req).toEqual(req);
      expect(out.res).toEqual(response);
    });

    it('throws DecodeError on every truncation', () => {
      const bytes = encodeResponse(codec, response);
      for (let n = 0; n < bytes.length; n++) {
        expect(() => codec.decodeResponse(new Reader(bytes.subarray(0, n))), `cut at ${n}`).toThrow(
          DecodeError,
        );
      }
    });
  },
);

it('findCoordinatorApi lists v4-v6 under key 10', () => {
  expect(findCoordinatorApi.apiKey).toBe(10);
  expect(findCoordinatorApi.codecs.map((c) => c.version)).toEqual([4, 5, 6]);
});
