/**
 * What a broker's ApiVersions answer says Sharq may use, decided once per connection (the answer is cached
 * per connection by the broker pool). The release is never guessed from version numbers: each feature is
 * read from the API range or the finalized feature level that carries it.
 *
 *   feature                         carried by                                   Kafka
 *   share groups                    keys 76-79 and share.version >= 1            4.1 preview, 4.2 GA
 *   RENEW, record_limit acquisition ShareFetch / ShareAcknowledge v2             4.2 (KIP-1222, KIP-1206)
 *   broker-side DLQ                 share.version >= 2 (and the group config     4.4 (KIP-1191)
 *                                   keys, see share/admin/broker-capabilities.ts)
 */
import type { ApiVersionsResponse } from '../protocol/apis/api-versions/types.js';
import { assertShareGroups, finalizedLevel } from './versions.js';

export interface ProtocolFeatures {
  /** Finalized share.version: 1 = share groups, 2 = plus the broker-side DLQ. */
  readonly shareVersion: number;
  /** Highest ShareFetch version the broker speaks (Sharq speaks 1-2). */
  readonly shareFetchVersion: number;
  /** Highest ShareAcknowledge version the broker speaks (Sharq speaks 1-2). */
  readonly shareAcknowledgeVersion: number;
  /** RENEW acknowledgements (lock renewal without a delivery): ShareFetch and ShareAcknowledge v2. */
  readonly renew: boolean;
  /** ShareAcquireMode record_limit (a strict MaxRecords): ShareFetch v2. */
  readonly recordLimit: boolean;
}

const SHARE_FETCH = 78;
const SHARE_ACKNOWLEDGE = 79;

/** Throws ShareGroupsUnsupportedError (typed, naming the cause and the fix) when share groups are unavailable. */
export function protocolFeatures(broker: string, versions: ApiVersionsResponse): ProtocolFeatures {
  assertShareGroups(broker, versions);
  const max = (key: number) => versions.apiKeys.find((k) => k.apiKey === key)?.maxVersion ?? 0;
  const shareFetchVersion = Math.min(max(SHARE_FETCH), 2);
  const shareAcknowledgeVersion = Math.min(max(SHARE_ACKNOWLEDGE), 2);
  // A broker that reports no finalized features at all (never seen from 4.x) is taken at share groups only.
  const shareVersion = finalizedLevel(versions, 'share.version') ?? 1;
  return {
    shareVersion,
    shareFetchVersion,
    shareAcknowledgeVersion,
    renew: shareFetchVersion >= 2 && shareAcknowledgeVersion >= 2,
    recordLimit: shareFetchVersion >= 2,
  };
}
