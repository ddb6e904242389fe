import { describe, expect, it } from 'vitest';
import type { ApiVersionsAnswer } from '../../src/kafka/api-versions-codec.js';
import {
  brokerInfo,
  describeBroker,
  missingShareApis,
  servesShareGroups,
} from '../../src/kafka/broker-info.js';

function answer(keys: number[], shareVersion: number | undefined, epoch = 3): ApiVersionsAnswer {
  return {
    errorCode: 0,
    apiKeys: keys.map((apiKey) => ({ apiKey, minVersion: 1, maxVersion: 2 })),
    supportedFeatures: [],
    finalizedFeaturesEpoch: epoch,
    finalizedFeatures: shareVersion === undefined ? {} : { 'share.version': shareVersion },
  };
}

describe('servesShareGroups', () => {
  it('needs all of 76–79 and share.version finalized at 1 or more', () => {
    expect(servesShareGroups(answer([18, 76, 77, 78, 79], 2))).toBe(true);
    expect(servesShareGroups(answer([18, 76, 77, 78, 79], 1))).toBe(true);
    expect(servesShareGroups(answer([18, 76, 77, 78], 2))).toBe(false);
    expect(servesShareGroups(answer([18, 76, 77, 78, 79], 0))).toBe(false);
    expect(servesShareGroups(answer([18, 76, 77, 78, 79], undefined))).toBe(false);
    expect(servesShareGroups(answer([18, 76, 77, 78, 79], 2, -1))).toBe(false);
  });

  it('waits for the level the storage was formatted with (2 on a 4.4 test broker)', () => {
    expect(servesShareGroups(answer([18, 76, 77, 78, 79], 1), 2)).toBe(false);
    expect(servesShareGroups(answer([18, 76, 77, 78, 79], 2), 2)).toBe(true);
  });

  it('names the missing share APIs', () => {
    expect(missingShareApis(answer([18, 77], 2))).toEqual([76, 78, 79]);
  });
});

describe('describeBroker', () => {
  it('names the version, the share APIs with their versions and share.version', () => {
    const line = describeBroker(brokerInfo(answer([18, 76, 77, 78, 79], 2), '4.4.0'), '127.0.0.1:1234');
    expect(line).toBe(
      'Apache Kafka 4.4.0 at 127.0.0.1:1234; share APIs: ShareGroupHeartbeat(76) v1-2, ShareGroupDescribe(77) v1-2, ' +
        'ShareFetch(78) v1-2, ShareAcknowledge(79) v1-2; share.version=2',
    );
  });

  it('says so when the release is not known (a broker the testkit did not start)', () => {
    const line = describeBroker(brokerInfo(answer([76, 77, 78, 79], 2), undefined), 'h:1');
    expect(line.startsWith('Kafka broker (release not known) at h:1; share APIs: ')).toBe(true);
  });
});
