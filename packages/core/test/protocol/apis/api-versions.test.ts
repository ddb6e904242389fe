import { describe, expect, it } from 'vitest';
import {
  apiVersionsApi,
  apiVersionsV3,
  apiVersionsV4,
} from '../../../src/protocol/apis/api-versions/index.js';
import type { ApiVersionsResponse } from '../../../src/protocol/apis/api-versions/types.js';
import { Reader } from '../../../src/protocol/reader.js';
import { DecodeError } from '../../../src/errors.js';
import { encodeResponse, roundTrip } from './client-codec-helpers.js';

const full: ApiVersionsResponse = {
  errorCode: 0,
  apiKeys: [
    { apiKey: 0, minVersion: 3, maxVersion: 13 },
    { apiKey: 18, minVersion: 0, maxVersion: 5 },
    { apiKey: 76, minVersion: 1, maxVersion: 1 },
    { apiKey: 78, minVersion: 1, maxVersion: 2 },
  ],
  throttleTimeMs: 7,
  supportedFeatures: [{ name: 'share.version', minVersion: 0, maxVersion: 2 }],
  finalizedFeaturesEpoch: 1234567890123,
  finalizedFeatures: [
    { name: 'metadata.version', maxVersionLevel: 29, minVersionLevel: 29 },
    { name: 'share.version', maxVersionLevel: 2, minVersionLevel: 2 },
  ],
  zkMigrationReady: true,
};

const bare: ApiVersionsResponse = {
  errorCode: 35,
  apiKeys: [{ apiKey: 18, minVersion: 0, maxVersion: 4 }],
  throttleTimeMs: 0,
  supportedFeatures: [],
  finalizedFeaturesEpoch: -1,
  finalizedFeatures: [],
  zkMigrationReady: false,
};

describe.each([apiVersionsV3, apiVersionsV4])('ApiVersions v$version', (codec) => {
  it('round-trips a request and a response with every tagged field', () => {
    const req = { clientSoftwareName: 'sharq', clientSoftwareVersion: '0.1.0' };
    const out = roundTrip(codec, req, full);
    expect(out.req).toEqual(req);
    expect(out.res).toEqual(full);
  });

  it('round-trips a response without tagged fields, defaulting them', () => {
    expect(roundTrip(codec, { clientSoftwareName: 'a', clientSoftwareVersion: 'b' }, bare).res).toEqual(bare);
  });

  it('skips tagged fields it does not know', () => {
    const bytes = encodeResponse(codec, bare);
    // Replace the empty top-level tag buffer (last byte 0) by one unknown tag 9 with 3 bytes.
    const patched = Buffer.concat([
      bytes.subarray(0, bytes.length - 1),
      Buffer.from([1, 9, 3, 0xaa, 0xbb, 0xcc]),
    ]);
    const r = new Reader(patched);
    expect(codec.decodeResponse(r)).toEqual(bare);
    expect(r.remaining).toBe(0);
  });

  it('throws DecodeError on every truncation', () => {
    const bytes = encodeResponse(codec, full);
    for (let n = 0; n < bytes.length; n++) {
      expect(() => codec.decodeResponse(new Reader(bytes.subarray(0, n))), `cut at ${n}`).toThrow(
        DecodeError,
      );
    }
  });
});

describe('apiVersionsApi', () => {
  it('lists v3 and v4 ascending under key 18, both flexible', () => {
    expect(apiVersionsApi.apiKey).toBe(18);
    expect(apiVersionsApi.codecs.map((c) => [c.version, c.flexible, c.apiKey])).toEqual([
      [3, true, 18],
      [4, true, 18],
    ]);
  });
});
