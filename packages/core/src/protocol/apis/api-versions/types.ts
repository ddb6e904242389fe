/** ApiVersions (key 18): what the broker speaks. Shared by every version we implement. */

export interface ApiVersionsRequest {
  /** ClientSoftwareName (v3+): [a-zA-Z0-9._-]+, shown in broker metrics. */
  clientSoftwareName: string;
  /** ClientSoftwareVersion (v3+), same alphabet. */
  clientSoftwareVersion: string;
}

/** One API the broker supports, inclusive version range. */
export interface ApiVersionRange {
  apiKey: number;
  minVersion: number;
  maxVersion: number;
}

export interface SupportedFeature {
  name: string;
  minVersion: number;
  maxVersion: number;
}

/** A cluster-wide finalized feature level, e.g. { name: 'share.version', maxVersionLevel: 2 }. */
export interface FinalizedFeature {
  name: string;
  maxVersionLevel: number;
  minVersionLevel: number;
}

export interface ApiVersionsResponse {
  errorCode: number;
  apiKeys: ApiVersionRange[];
  throttleTimeMs: number;
  /** Tag 0. */
  supportedFeatures: SupportedFeature[];
  /** Tag 1; -1 = unknown (then finalizedFeatures is not valid). */
  finalizedFeaturesEpoch: number;
  /** Tag 2. */
  finalizedFeatures: FinalizedFeature[];
  /** Tag 3. */
  zkMigrationReady: boolean;
}
