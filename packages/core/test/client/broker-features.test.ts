import { describe, expect, it } from 'vitest';
import { protocolFeatures } from '../../src/client/broker-features.js';
import { ShareGroupsUnsupportedError } from '../../src/client/versions.js';
import type { ApiVersionRange, ApiVersionsResponse } from '../../src/protocol/apis/api-versions/types.js';

const BASE: ApiVersionRange[] = [
  { apiKey: 3, minVersion: 0, maxVersion: 13 },
  { apiKey: 18, minVersion: 0, maxVersion: 4 },
];

function share(fetchMax: number, ackMax = fetchMax): ApiVersionRange[] {
  return [
    { apiKey: 76, minVersion: 1, maxVersion: 1 },
    { apiKey: 77, minVersion: 1, maxVersion: 1 },
    { apiKey: 78, minVersion: 1, maxVersion: fetchMax },
    { apiKey: 79, minVersion: 1, maxVersion: ackMax },
  ];
}

function answer(apiKeys: ApiVersionRange[], shareVersion: number | undefined): ApiVersionsResponse {
  return {
    errorCode: 0,
    apiKeys,
    throttleTimeMs: 0,
    supportedFeatures: [],
    finalizedFeaturesEpoch: 7,
    finalizedFeatures:
      shareVersion === undefined
        ? [{ name: 'metadata.version', maxVersionLevel: 29, minVersionLevel: 29 }]
        : [{ name: 'share.version', maxVersionLevel: shareVersion, minVersionLevel: shareVersion }],
    zkMigrationReady: false,
  };
}

function failure(versions: ApiVersionsResponse): ShareGroupsUnsupportedError {
  try {
    protocolFeatures('127.0.0.1:9092', versions);
  } catch (error) {
    if (error instanceof ShareGroupsUnsupportedError) return error;
    throw error;
  }
  throw new Error('expected ShareGroupsUnsupportedError');
}

describe('protocolFeatures', () => {
  it('Kafka 4.2/4.3 (share.version=1, ShareFetch/ShareAcknowledge v2): RENEW and record_limit', () => {
    expect(protocolFeatures('b:1', answer([...BASE, ...share(2)], 1))).toEqual({
      shareVersion: 1,
      shareFetchVersion: 2,
      shareAcknowledgeVersion: 2,
      renew: true,
      recordLimit: true,
    });
  });

  it('Kafka 4.4 (share.version=2)', () => {
    expect(protocolFeatures('b:1', answer([...BASE, ...share(2)], 2)).shareVersion).toBe(2);
  });

  it('a 4.1-style broker (v1 only): no RENEW, no record_limit', () => {
    expect(protocolFeatures('b:1', answer([...BASE, ...share(1)], 1))).toMatchObject({
      renew: false,
      recordLimit: false,
    });
  });

  it('a release older than 4.1 gets one typed error naming it and the fix', () => {
    const error = failure(answer(BASE, undefined));
    expect(error.code).toBe('SHARE_GROUPS_UNSUPPORTED');
    expect(error.message).toContain('older than 4.1');
    expect(error.message).toContain('Kafka 4.2 or newer');
  });

  it('share groups switched off (share.version=0: the APIs may still be listed) say so and name the command', () => {
    const error = failure(answer([...BASE, ...share(2)], undefined));
    expect(error.code).toBe('SHARE_GROUPS_UNSUPPORTED');
    expect(error.shareVersion).toBeUndefined();
    expect(error.message).toContain('switched off');
    expect(error.message).toContain('upgrade --feature share.version=1');
    expect(failure(answer([...BASE, ...share(2)], 0)).shareVersion).toBe(0);
  });
});
