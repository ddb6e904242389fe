/**
 * ApiVersions v3 and v4 share one wire grammar (v4 only changed which features a broker may report):
 *
 *   ApiVersionsRequest (v3-4) => ClientSoftwareName:COMPACT_STRING ClientSoftwareVersion:COMPACT_STRING TAG_BUFFER
 *
 *   ApiVersionsResponse (v3-4) => ErrorCode:INT16 [ApiKeys] ThrottleTimeMs:INT32 TAG_BUFFER
 *     ApiKeys => ApiKey:INT16 MinVersion:INT16 MaxVersion:INT16 TAG_BUFFER        (COMPACT_ARRAY)
 *     tagged fields:
 *       0 SupportedFeatures => [Name:COMPACT_STRING MinVersion:INT16 MaxVersion:INT16 TAG_BUFFER]
 *       1 FinalizedFeaturesEpoch:INT64 (default -1)
 *       2 FinalizedFeatures => [Name:COMPACT_STRING MaxVersionLevel:INT16 MinVersionLevel:INT16 TAG_BUFFER]
 *       3 ZkMigrationReady:BOOL (default false)
 *
 * The response header is always v0 (no tag buffer), whatever the version: see protocol/header.ts.
 */
import type { ApiCodec } from '../../api.js';
import type { Reader } from '../../reader.js';
import { type TaggedField, Writer } from '../../writer.js';
import type { ApiVersionsRequest, ApiVersionsResponse, FinalizedFeature, SupportedFeature } from './types.js';

type Codec = ApiCodec<ApiVersionsRequest, ApiVersionsResponse>;

function encodeRequest(w: Writer, req: ApiVersionsRequest): void {
  w.compactString(req.clientSoftwareName).compactString(req.clientSoftwareVersion).taggedFields();
}

function decodeRequest(r: Reader): ApiVersionsRequest {
  const clientSoftwareName = r.readCompactString();
  const clientSoftwareVersion = r.readCompactString();
  r.readTaggedFields();
  return { clientSoftwareName, clientSoftwareVersion };
}

function tagged(tag: number, fill: (w: Writer) => void): TaggedField {
  const w = new Writer(64);
  fill(w);
  return { tag, data: Buffer.from(w.toBuffer()) };
}

function encodeResponse(w: Writer, res: ApiVersionsResponse): void {
  w.int16(res.errorCode);
  w.compactArray(res.apiKeys, (w, k) => {
    w.int16(k.apiKey).int16(k.minVersion).int16(k.maxVersion).taggedFields();
  });
  w.int32(res.throttleTimeMs);
  const tags: TaggedField[] = [];
  if (res.supportedFeatures.length > 0) {
    tags.push(
      tagged(0, (t) =>
        t.compactArray(res.supportedFeatures, (t, f) => {
          t.compactString(f.name).int16(f.minVersion).int16(f.maxVersion).taggedFields();
        }),
      ),
    );
  }
  if (res.finalizedFeaturesEpoch !== -1) tags.push(tagged(1, (t) => t.int64(res.finalizedFeaturesEpoch)));
  if (res.finalizedFeatures.length > 0) {
    tags.push(
      tagged(2, (t) =>
        t.compactArray(res.finalizedFeatures, (t, f) => {
          t.compactString(f.name).int16(f.maxVersionLevel).int16(f.minVersionLevel).taggedFields();
        }),
      ),
    );
  }
  if (res.zkMigrationReady) tags.push(tagged(3, (t) => t.bool(true)));
  w.taggedFields(tags);
}

function readSupported(r: Reader): SupportedFeature {
  const name = r.readCompactString();
  const minVersion = r.readInt16();
  const maxVersion = r.readInt16();
  r.readTaggedFields();
  return { name, minVersion, maxVersion };
}

function readFinalized(r: Reader): FinalizedFeature {
  const name = r.readCompactString();
  const maxVersionLevel = r.readInt16();
  const minVersionLevel = r.readInt16();
  r.readTaggedFields();
  return { name, maxVersionLevel, minVersionLevel };
}

function decodeResponse(r: Reader): ApiVersionsResponse {
  const errorCode = r.readInt16();
  const apiKeys = r.readCompactArray((r) => {
    const apiKey = r.readInt16();
    const minVersion = r.readInt16();
    const maxVersion = r.readInt16();
    r.readTaggedFields();
    return { apiKey, minVersion, maxVersion };
  });
  const throttleTimeMs = r.readInt32();
  const res: ApiVersionsResponse = {
    errorCode,
    apiKeys,
    throttleTimeMs,
    supportedFeatures: [],
    finalizedFeaturesEpoch: -1,
    finalizedFeatures: [],
    zkMigrationReady: false,
  };
  r.readTaggedFields((tag, t) => {
    if (tag === 0) res.supportedFeatures = t.readCompactArray(readSupported);
    else if (tag === 1) res.finalizedFeaturesEpoch = t.readInt64();
    else if (tag === 2) res.finalizedFeatures = t.readCompactArray(readFinalized);
    else if (tag === 3) res.zkMigrationReady = t.readBool();
  });
  return res;
}

export function flexibleApiVersionsCodec(version: 3 | 4): Codec {
  return {
    name: 'ApiVersions',
    apiKey: 18,
    version,
    flexible: true,
    encodeRequest,
    decodeRequest,
    encodeResponse,
    decodeResponse,
  };
}
