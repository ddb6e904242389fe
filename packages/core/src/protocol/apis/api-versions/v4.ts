/**
 * ApiVersions v4 — same wire grammar as v3 (./flexible.ts); v4 lets the broker report features whose
 * MinSupportedVersion is 0, which v0-v3 omit.
 *   ApiVersionsRequest v4 => ClientSoftwareName:COMPACT_STRING ClientSoftwareVersion:COMPACT_STRING TAG_BUFFER
 *   ApiVersionsResponse v4 => ErrorCode:INT16 [ApiKey:INT16 MinVersion:INT16 MaxVersion:INT16 TAG_BUFFER]
 *                             ThrottleTimeMs:INT32 TAG_BUFFER(0 SupportedFeatures, 1 FinalizedFeaturesEpoch,
 *                             2 FinalizedFeatures, 3 ZkMigrationReady)
 */
import { flexibleApiVersionsCodec } from './flexible.js';

export const apiVersionsV4 = flexibleApiVersionsCodec(4);
