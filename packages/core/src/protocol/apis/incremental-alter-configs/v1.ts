/**
 * IncrementalAlterConfigs v1 (flexible), generated from the Kafka 4.4.0 message JSON.
 *
 *   IncrementalAlterConfigsRequest (Version: 1) => [Resources] ValidateOnly TAG_BUFFER
 *     Resources => ResourceType ResourceName [Configs] TAG_BUFFER (COMPACT_ARRAY<AlterConfigsResource>)
 *       ResourceType => INT8
 *       ResourceName => COMPACT_STRING
 *       Configs => Name ConfigOperation Value TAG_BUFFER (COMPACT_ARRAY<AlterableConfig>)
 *         Name => COMPACT_STRING
 *         ConfigOperation => INT8
 *         Value => COMPACT_NULLABLE_STRING
 *     ValidateOnly => BOOL
 *
 *   IncrementalAlterConfigsResponse (Version: 1) => ThrottleTimeMs [Responses] TAG_BUFFER
 *     ThrottleTimeMs => INT32
 *     Responses => ErrorCode ErrorMessage ResourceType ResourceName TAG_BUFFER (COMPACT_ARRAY<AlterConfigsResourceResponse>)
 *       ErrorCode => INT16
 *       ErrorMessage => COMPACT_NULLABLE_STRING
 *       ResourceType => INT8
 *       ResourceName => COMPACT_STRING
 */
import type { ApiCodec } from '../../api.js';
import type { Reader } from '../../reader.js';
import type { Writer } from '../../writer.js';
import type {
  IncrementalAlterConfigsAlterConfigsResource,
  IncrementalAlterConfigsAlterConfigsResourceResponse,
  IncrementalAlterConfigsAlterableConfig,
  IncrementalAlterConfigsRequest,
  IncrementalAlterConfigsResponse,
} from './types.js';

function writeIncrementalAlterConfigsAlterableConfig(
  w: Writer,
  s: IncrementalAlterConfigsAlterableConfig,
): void {
  w.compactString(s.name);
  w.int8(s.configOperation);
  w.compactNullableString(s.value);
  w.taggedFields();
}

function readIncrementalAlterConfigsAlterableConfig(r: Reader): IncrementalAlterConfigsAlterableConfig {
  const name = r.readCompactString();
  const configOperation = r.readInt8();
  const value = r.readCompactNullableString();
  r.readTaggedFields();
  return { name, configOperation, value };
}

function writeIncrementalAlterConfigsAlterConfigsResource(
  w: Writer,
  s: IncrementalAlterConfigsAlterConfigsResource,
): void {
  w.int8(s.resourceType);
  w.compactString(s.resourceName);
  w.compactArray(s.configs, writeIncrementalAlterConfigsAlterableConfig);
  w.taggedFields();
}

function readIncrementalAlterConfigsAlterConfigsResource(
  r: Reader,
): IncrementalAlterConfigsAlterConfigsResource {
  const resourceType = r.readInt8();
  const resourceName = r.readCompactString();
  const configs = r.readCompactArray(readIncrementalAlterConfigsAlterableConfig);
  r.readTaggedFields();
  return { resourceType, resourceName, configs };
}

function writeIncrementalAlterConfigsRequest(w: Writer, s: IncrementalAlterConfigsRequest): void {
  w.compactArray(s.resources, writeIncrementalAlterConfigsAlterConfigsResource);
  w.bool(s.validateOnly);
  w.taggedFields();
}

function readIncrementalAlterConfigsRequest(r: Reader): IncrementalAlterConfigsRequest {
  const resources = r.readCompactArray(readIncrementalAlterConfigsAlterConfigsResource);
  const validateOnly = r.readBool();
  r.readTaggedFields();
  return { resources, validateOnly };
}

function writeIncrementalAlterConfigsAlterConfigsResourceResponse(
  w: Writer,
  s: IncrementalAlterConfigsAlterConfigsResourceResponse,
): void {
  w.int16(s.errorCode);
  w.compactNullableString(s.errorMessage);
  w.int8(s.resourceType);
  w.compactString(s.resourceName);
  w.taggedFields();
}

function readIncrementalAlterConfigsAlterConfigsResourceResponse(
  r: Reader,
): IncrementalAlterConfigsAlterConfigsResourceResponse {
  const errorCode = r.readInt16();
  const errorMessage = r.readCompactNullableString();
  const resourceType = r.readInt8();
  const resourceName = r.readCompactString();
  r.readTaggedFields();
  return { errorCode, errorMessage, resourceType, resourceName };
}

function writeIncrementalAlterConfigsResponse(w: Writer, s: IncrementalAlterConfigsResponse): void {
  w.int32(s.throttleTimeMs);
  w.compactArray(s.responses, writeIncrementalAlterConfigsAlterConfigsResourceResponse);
  w.taggedFields();
}

function readIncrementalAlterConfigsResponse(r: Reader): IncrementalAlterConfigsResponse {
  const throttleTimeMs = r.readInt32();
  const responses = r.readCompactArray(readIncrementalAlterConfigsAlterConfigsResourceResponse);
  r.readTaggedFields();
  return { throttleTimeMs, responses };
}

export const incrementalAlterConfigsV1: ApiCodec<
  IncrementalAlterConfigsRequest,
  IncrementalAlterConfigsResponse
> = {
  name: 'IncrementalAlterConfigs',
  apiKey: 44,
  version: 1,
  flexible: true,
  encodeRequest: writeIncrementalAlterConfigsRequest,
  decodeRequest: readIncrementalAlterConfigsRequest,
  encodeResponse: writeIncrementalAlterConfigsResponse,
  decodeResponse: readIncrementalAlterConfigsResponse,
};
