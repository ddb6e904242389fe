/**
 * DescribeConfigs (key 32) request/response shapes, shared by versions v4.
 * Generated from the Kafka 4.4.0 message JSON; field names are the JSON names in camelCase.
 * A field missing from some of those versions (or tagged) is optional: encoders of versions without it
 * ignore it, decoders of those versions leave it out. int64 fields are JS numbers (exact below 2^53).
 */

export interface DescribeConfigsResource {
  /** The resource type. */
  resourceType: number;
  /** The resource name. */
  resourceName: string;
  /** The configuration keys to list, or null to list all configuration keys. */
  configurationKeys: string[] | null;
}

export interface DescribeConfigsRequest {
  /** The resources whose configurations we want to describe. */
  resources: DescribeConfigsResource[];
  /** True if we should include all synonyms. */
  includeSynonyms: boolean;
  /** True if we should include configuration documentation. */
  includeDocumentation: boolean;
}

export interface DescribeConfigsSynonym {
  /** The synonym name. */
  name: string;
  /** The synonym value. */
  value: string | null;
  /** The synonym source. */
  source: number;
}

export interface DescribeConfigsResourceResult {
  /** The configuration name. */
  name: string;
  /** The configuration value. */
  value: string | null;
  /** True if the configuration is read-only. */
  readOnly: boolean;
  /** The configuration source. */
  configSource: number;
  /** True if this configuration is sensitive. */
  isSensitive: boolean;
  /** The synonyms for this configuration key. */
  synonyms: DescribeConfigsSynonym[];
  /** The configuration data type. Type can be one of the following values - BOOLEAN, STRING, INT, SHORT, LONG, DOUBLE, LIST, CLASS, PASSWORD. */
  configType: number;
  /** The configuration documentation. */
  documentation: string | null;
}

export interface DescribeConfigsResult {
  /** The error code, or 0 if we were able to successfully describe the configurations. */
  errorCode: number;
  /** The error message, or null if we were able to successfully describe the configurations. */
  errorMessage: string | null;
  /** The resource type. */
  resourceType: number;
  /** The resource name. */
  resourceName: string;
  /** Each listed configuration. */
  configs: DescribeConfigsResourceResult[];
}

export interface DescribeConfigsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The results for each resource. */
  results: DescribeConfigsResult[];
}
