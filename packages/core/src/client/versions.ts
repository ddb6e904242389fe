/**
 * Version negotiation: the highest version of an ApiFamily both sides speak, and the check that the
 * broker offers share groups at all.
 */
import { SharqError } from '../errors.js';
import type { ApiFamily } from '../protocol/api.js';
import { pickVersion } from '../protocol/api.js';
import type { ApiVersionRange, ApiVersionsResponse } from '../protocol/apis/api-versions/types.js';
import { brokerError } from './errors.js';

/** The share-group APIs a share consumer needs (KIP-932). */
export const SHARE_GROUP_APIS: readonly { apiKey: number; name: string }[] = [
  { apiKey: 76, name: 'ShareGroupHeartbeat' },
  { apiKey: 77, name: 'ShareGroupDescribe' },
  { apiKey: 78, name: 'ShareFetch' },
  { apiKey: 79, name: 'ShareAcknowledge' },
];

/**
 * The broker cannot serve share groups: it is older than Kafka 4.1 (no share-group APIs), or share groups are
 * switched off (the share.version feature is 0 / not finalized). The message names which, and the fix.
 */
export class ShareGroupsUnsupportedError extends SharqError {
  readonly broker: string;
  readonly missingApiKeys: readonly number[];
  /** What the broker advertised for keys 76-79 (empty when none). */
  readonly advertised: readonly ApiVersionRange[];
  /** The finalized share.version level, or undefined when the broker reports none. */
  readonly shareVersion: number | undefined;
  constructor(broker: string, versions: ApiVersionsResponse) {
    const advertised = versions.apiKeys.filter((k) =>
      SHARE_GROUP_APIS.some((api) => api.apiKey === k.apiKey),
    );
    const missing = SHARE_GROUP_APIS.filter((api) => !advertised.some((k) => k.apiKey === api.apiKey));
    const shareVersion = finalizedLevel(versions, 'share.version');
    const has = advertised.map((k) => `${k.apiKey} v${k.minVersion}-${k.maxVersion}`).join(', ') || 'none';
    const highestKey = Math.max(...versions.apiKeys.map((k) => k.apiKey));
    // Key 76 (ShareGroupHeartbeat) arrived with share groups in 4.0; a broker without any key that high is older.
    const what =
      highestKey < 76
        ? `runs a Kafka release older than 4.1 (its highest API key is ${highestKey}; share groups need 76-79)`
        : `has share groups switched off (share.version=${shareVersion ?? 0})`;
    const missingText =
      missing.length > 0 ? `missing ${missing.map((m) => `${m.name}(${m.apiKey})`).join(', ')}; ` : '';
    super(
      'SHARE_GROUPS_UNSUPPORTED',
      `broker ${broker} ${what}: ${missingText}it advertises share APIs [${has}], share.version=${shareVersion ?? 'not finalized'}, ` +
        `and ${versions.apiKeys.length} APIs in all (highest key ${highestKey}). ` +
        'Sharq needs Kafka 4.2 or newer with share groups on: upgrade the brokers, and on a cluster upgraded from an ' +
        `older release enable them with \`kafka-features.sh --bootstrap-server ${broker} upgrade --feature share.version=1\`.`,
    );
    this.broker = broker;
    this.missingApiKeys = missing.map((m) => m.apiKey);
    this.advertised = advertised;
    this.shareVersion = shareVersion;
  }
}

export function finalizedLevel(versions: ApiVersionsResponse, feature: string): number | undefined {
  if (versions.finalizedFeaturesEpoch < 0) return undefined;
  return versions.finalizedFeatures.find((f) => f.name === feature)?.maxVersionLevel;
}

/**
 * Share groups are served when keys 76-79 are advertised and, on a broker that reports finalized features,
 * share.version is at least 1 (a feature at level 0 is not listed at all).
 */
export function assertShareGroups(broker: string, versions: ApiVersionsResponse): void {
  const apis = SHARE_GROUP_APIS.every((api) => versions.apiKeys.some((k) => k.apiKey === api.apiKey));
  const level = finalizedLevel(versions, 'share.version');
  const enabled = versions.finalizedFeaturesEpoch < 0 || (level !== undefined && level >= 1);
  if (!apis || !enabled) throw new ShareGroupsUnsupportedError(broker, versions);
}

/** Negotiated versions per ApiVersions answer (one per connection) and api key: send() is a hot path. */
const negotiated = new WeakMap<readonly ApiVersionRange[], Map<ApiFamily<unknown, unknown>, number>>();

/** Highest common version, or a fatal UNSUPPORTED_VERSION KafkaProtocolError naming both sides' ranges. */
export function negotiateVersion(
  api: ApiFamily<unknown, unknown>,
  ranges: readonly ApiVersionRange[],
  broker: string,
): number {
  let cache = negotiated.get(ranges);
  const hit = cache?.get(api);
  if (hit !== undefined) return hit;
  const range = ranges.find((r) => r.apiKey === api.apiKey);
  const ours = (): string => api.codecs.map((c) => c.version).join(', ');
  if (!range) {
    throw brokerError(
      35,
      `${api.name} (key ${api.apiKey}): broker ${broker} does not advertise it; Sharq speaks v${ours()}`,
    );
  }
  const version = pickVersion(api, range.minVersion, range.maxVersion);
  if (version === undefined) {
    throw brokerError(
      35,
      `${api.name} (key ${api.apiKey}): broker ${broker} speaks v${range.minVersion}-${range.maxVersion}, Sharq speaks v${ours()}`,
    );
  }
  if (!cache) {
    cache = new Map();
    negotiated.set(ranges, cache);
  }
  cache.set(api, version);
  return version;
}
