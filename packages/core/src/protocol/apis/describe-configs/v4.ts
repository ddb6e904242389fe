/**
 * DescribeConfigs v4 (flexible), generated from the Kafka 4.4.0 message JSON.
 *
 *   DescribeConfigsRequest (Version: 4) => [Resources] IncludeSynonyms IncludeDocumentation TAG_BUFFER
 *     Resources => ResourceType ResourceName ConfigurationKeys TAG_BUFFER (COMPACT_ARRAY<DescribeConfigsResource>)
 *       ResourceType => INT8
 *       ResourceName => COMPACT_STRING
 *       ConfigurationKeys => COMPACT_NULLABLE_ARRAY<COMPACT_STRING>
 *     IncludeSynonyms => BOOL
 *     IncludeDocumentation => BOOL
 *
 *   DescribeConfigsResponse (Version: 4) => ThrottleTimeMs [Results] TAG_BUFFER
 *     ThrottleTimeMs => INT32
 *     Results => ErrorCode ErrorMessage ResourceType ResourceName [Configs] TAG_BUFFER (COMPACT_ARRAY<DescribeConfigsResult>)
 *       ErrorCode => INT16
 *       ErrorMessage => COMPACT_NULLABLE_STRING
 *       ResourceType => INT8
 *       ResourceName => COMPACT_STRING
 *       Configs => Name Value ReadOnly ConfigSource IsSensitive [Synonyms] ConfigType Documentation TAG_BUFFER (COMPACT_ARRAY<DescribeConfigsResourceResult>)
 *         Name => COMPACT_STRING
 *         Value => COMPACT_NULLABLE_STRING
 *         ReadOnly => BOOL
 *         ConfigSource => INT8
 *         IsSensitive => BOOL
 *         Synonyms => Name Value Source TAG_BUFFER (COMPACT_ARRAY<DescribeConfigsSynonym>)
 *           Name => COMPACT_STRING
 *           Value => COMPACT_NULLABLE_STRING
 *           Source => INT8
 *         ConfigType => INT8
 *         Documentation => COMPACT_NULLABLE_STRING
 */
import type { ApiCodec } from '../../api.js';
import type { Reader } from '../../reader.js';
import type { Writer } from '../../writer.js';
import { readCompactStringItem, writeCompactStringItem } from '../items.js';
import type {
  DescribeConfigsRequest,
  DescribeConfigsResource,
  DescribeConfigsResourceResult,
  DescribeConfigsResponse,
  DescribeConfigsResult,
  DescribeConfigsSynonym,
} from './types.js';

function writeDescribeConfigsResource(w: Writer, s: DescribeConfigsResource): void {
  w.int8(s.resourceType);
  w.compactString(s.resourceName);
  w.compactArray(s.configurationKeys, writeCompactStringItem);
  w.taggedFields();
}

function readDescribeConfigsResource(r: Reader): DescribeConfigsResource {
  const resourceType = r.readInt8();
  const resourceName = r.readCompactString();
  const configurationKeys = r.readCompactNullableArray(readCompactStringItem);
  r.readTaggedFields();
  return { resourceType, resourceName, configurationKeys };
}

function writeDescribeConfigsRequest(w: Writer, s: DescribeConfigsRequest): void {
  w.compactArray(s.resources, writeDescribeConfigsResource);
  w.bool(s.includeSynonyms);
  w.bool(s.includeDocumentation);
  w.taggedFields();
}

function readDescribeConfigsRequest(r: Reader): DescribeConfigsRequest {
  const resources = r.readCompactArray(readDescribeConfigsResource);
  const includeSynonyms = r.readBool();
  const includeDocumentation = r.readBool();
  r.readTaggedFields();
  return { resources, includeSynonyms, includeDocumentation };
}

function writeDescribeConfigsSynonym(w: Writer, s: DescribeConfigsSynonym): void {
  w.compactString(s.name);
  w.compactNullableString(s.value);
  w.int8(s.source);
  w.taggedFields();
}

function readDescribeConfigsSynonym(r: Reader): DescribeConfigsSynonym {
  const name = r.readCompactString();
  const value = r.readCompactNullableString();
  const source = r.readInt8();
  r.readTaggedFields();
  return { name, value, source };
}

function writeDescribeConfigsResourceResult(w: Writer, s: DescribeConfigsResourceResult): void {
  w.compactString(s.name);
  w.compactNullableString(s.value);
  w.bool(s.readOnly);
  w.int8(s.configSource);
  w.bool(s.isSensitive);
  w.compactArray(s.synonyms, writeDescribeConfigsSynonym);
  w.int8(s.configType);
  w.compactNullableString(s.documentation);
  w.taggedFields();
}

function readDescribeConfigsResourceResult(r: Reader): DescribeConfigsResourceResult {
  const name = r.readCompactString();
  const value = r.readCompactNullableString();
  const readOnly = r.readBool();
  const configSource = r.readInt8();
  const isSensitive = r.readBool();
  const synonyms = r.readCompactArray(readDescribeConfigsSynonym);
  const configType = r.readInt8();
  const documentation = r.readCompactNullableString();
  r.readTaggedFields();
  return { name, value, readOnly, configSource, isSensitive, synonyms, configType, documentation };
}

function writeDescribeConfigsResult(w: Writer, s: DescribeConfigsResult): void {
  w.int16(s.errorCode);
  w.compactNullableString(s.errorMessage);
  w.int8(s.resourceType);
  w.compactString(s.resourceName);
  w.compactArray(s.configs, writeDescribeConfigsResourceResult);
  w.taggedFields();
}

function readDescribeConfigsResult(r: Reader): DescribeConfigsResult {
  const errorCode = r.readInt16();
  const errorMessage = r.readCompactNullableString();
  const resourceType = r.readInt8();
  const resourceName = r.readCompactString();
  const configs = r.readCompactArray(readDescribeConfigsResourceResult);
  r.readTaggedFields();
  return { errorCode, errorMessage, resourceType, resourceName, configs };
}

function writeDescribeConfigsResponse(w: Writer, s: DescribeConfigsResponse): void {
  w.int32(s.throttleTimeMs);
  w.compactArray(s.results, writeDescribeConfigsResult);
  w.taggedFields();
}

function readDescribeConfigsResponse(r: Reader): DescribeConfigsResponse {
  const throttleTimeMs = r.readInt32();
  const results = r.readCompactArray(readDescribeConfigsResult);
  r.readTaggedFields();
  return { throttleTimeMs, results };
}

export const describeConfigsV4: ApiCodec<DescribeConfigsRequest, DescribeConfigsResponse> = {
  name: 'DescribeConfigs',
  apiKey: 32,
  version: 4,
  flexible: true,
  encodeRequest: writeDescribeConfigsRequest,
  decodeRequest: readDescribeConfigsRequest,
  encodeResponse: writeDescribeConfigsResponse,
  decodeResponse: readDescribeConfigsResponse,
};
