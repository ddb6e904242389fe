import type { ApiVersionRange, ApiVersionsAnswer } from './api-versions-codec.js';
import { SHARE_API_KEYS, SHARE_FEATURE } from './constants.js';

/** What a serving broker told us about itself. */
export interface BrokerInfo {
  /** Release the broker logged at startup ("Kafka version: 4.4.0"); undefined when not known (a broker we did not start). */
  readonly version: string | undefined;
  /** The share-group APIs (keys 76–79) and their version ranges. */
  readonly shareApis: readonly ApiVersionRange[];
  /** Finalized feature levels, e.g. { 'share.version': 2, 'metadata.version': 33 }. */
  readonly finalizedFeatures: Readonly<Record<string, number>>;
  readonly apiKeyCount: number;
}

const SHARE_API_NAMES: Readonly<Record<number, string>> = {
  76: 'ShareGroupHeartbeat',
  77: 'ShareGroupDescribe',
  78: 'ShareFetch',
  79: 'ShareAcknowledge',
};

/** The share APIs an ApiVersions answer is missing ([] when all of 76–79 are advertised). */
export function missingShareApis(answer: ApiVersionsAnswer): number[] {
  const advertised = new Set(answer.apiKeys.map((range) => range.apiKey));
  return SHARE_API_KEYS.filter((key) => !advertised.has(key));
}

/**
 * True when the broker serves share groups (APIs 76–79) with share.version finalized at `minLevel` or above
 * (1: share groups, what Sharq needs; 2: plus the broker-side DLQ, what a 4.4 test broker is formatted with).
 */
export function servesShareGroups(answer: ApiVersionsAnswer, minLevel = 1): boolean {
  const level = answer.finalizedFeatures[SHARE_FEATURE];
  return (
    answer.errorCode === 0 &&
    missingShareApis(answer).length === 0 &&
    answer.finalizedFeaturesEpoch >= 0 &&
    level !== undefined &&
    level >= minLevel
  );
}

export function brokerInfo(answer: ApiVersionsAnswer, version: string | undefined): BrokerInfo {
  const keys = new Set<number>(SHARE_API_KEYS);
  return {
    version,
    shareApis: answer.apiKeys.filter((range) => keys.has(range.apiKey)),
    finalizedFeatures: answer.finalizedFeatures,
    apiKeyCount: answer.apiKeys.length,
  };
}

/** One human line, e.g. for CI logs: version, address, share APIs, share.version. */
export function describeBroker(info: BrokerInfo, bootstrap: string): string {
  const apis = info.shareApis
    .map((r) => `${SHARE_API_NAMES[r.apiKey] ?? r.apiKey}(${r.apiKey}) v${r.minVersion}-${r.maxVersion}`)
    .join(', ');
  const share = info.finalizedFeatures[SHARE_FEATURE];
  const what =
    info.version === undefined ? 'Kafka broker (release not known)' : `Apache Kafka ${info.version}`;
  return `${what} at ${bootstrap}; share APIs: ${apis}; ${SHARE_FEATURE}=${share ?? 'not finalized'}`;
}
