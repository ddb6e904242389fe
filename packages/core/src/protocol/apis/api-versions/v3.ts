/**
 * ApiVersions v3 — grammar in ./flexible.ts (v3 and v4 are identical on the wire):
 *   ApiVersionsRequest v3 => ClientSoftwareName:COMPACT_STRING ClientSoftwareVersion:COMPACT_STRING TAG_BUFFER
 *   ApiVersionsResponse v3 => ErrorCode:INT16 [ApiKey:INT16 MinVersion:INT16 MaxVersion:INT16 TAG_BUFFER]
 *                             ThrottleTimeMs:INT32 TAG_BUFFER(0 SupportedFeatures, 1 FinalizedFeaturesEpoch,
 *                             2 FinalizedFeatures, 3 ZkMigrationReady)
 */
import { flexibleApiVersionsCodec } from './flexible.js';

export const apiVersionsV3 = flexibleApiVersionsCodec(3);
