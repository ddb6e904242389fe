/**
 * AlterShareGroupOffsets (key 91) request/response shapes, shared by versions v0.
 * Generated from the Kafka 4.4.0 message JSON; field names are the JSON names in camelCase.
 * A field missing from some of those versions (or tagged) is optional: encoders of versions without it
 * ignore it, decoders of those versions leave it out. int64 fields are JS numbers (exact below 2^53).
 */

export interface AlterShareGroupOffsetsRequestPartition {
  /** The partition index. */
  partitionIndex: number;
  /** The share-partition start offset. */
  startOffset: number;
}

export interface AlterShareGroupOffsetsRequestTopic {
  /** The topic name. */
  topicName: string;
  /** Each partition to alter offsets for. */
  partitions: AlterShareGroupOffsetsRequestPartition[];
}

export interface AlterShareGroupOffsetsRequest {
  /** The group identifier. */
  groupId: string;
  /** The topics to alter offsets for. */
  topics: AlterShareGroupOffsetsRequestTopic[];
}

export interface AlterShareGroupOffsetsResponsePartition {
  /** The partition index. */
  partitionIndex: number;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** The error message, or null if there was no error. */
  errorMessage: string | null;
}

export interface AlterShareGroupOffsetsResponseTopic {
  /** The topic name. */
  topicName: string;
  /** The unique topic ID. */
  topicId: string;
  /**  */
  partitions: AlterShareGroupOffsetsResponsePartition[];
}

export interface AlterShareGroupOffsetsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The top-level error code, or 0 if there was no error. */
  errorCode: number;
  /** The top-level error message, or null if there was no error. */
  errorMessage: string | null;
  /** The results for each topic. */
  responses: AlterShareGroupOffsetsResponseTopic[];
}
