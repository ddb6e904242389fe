/**
 * IncrementalAlterConfigs (key 44) request/response shapes, shared by versions v1.
 * Generated from the Kafka 4.4.0 message JSON; field names are the JSON names in camelCase.
 * A field missing from some of those versions (or tagged) is optional: encoders of versions without it
 * ignore it, decoders of those versions leave it out. int64 fields are JS numbers (exact below 2^53).
 */

export interface IncrementalAlterConfigsAlterableConfig {
  /** The configuration key name. */
  name: string;
  /** The type (Set, Delete, Append, Subtract) of operation. */
  configOperation: number;
  /** The value to set for the configuration key. */
  value: string | null;
}

export interface IncrementalAlterConfigsAlterConfigsResource {
  /** The resource type. */
  resourceType: number;
  /** The resource name. */
  resourceName: string;
  /** The configurations. */
  configs: IncrementalAlterConfigsAlterableConfig[];
}

export interface IncrementalAlterConfigsRequest {
  /** The incremental updates for each resource. */
  resources: IncrementalAlterConfigsAlterConfigsResource[];
  /** True if we should validate the request, but not change the configurations. */
  validateOnly: boolean;
}

export interface IncrementalAlterConfigsAlterConfigsResourceResponse {
  /** The resource error code. */
  errorCode: number;
  /** The resource error message, or null if there was no error. */
  errorMessage: string | null;
  /** The resource type. */
  resourceType: number;
  /** The resource name. */
  resourceName: string;
}

export interface IncrementalAlterConfigsResponse {
  /** Duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The responses for each resource. */
  responses: IncrementalAlterConfigsAlterConfigsResourceResponse[];
}
