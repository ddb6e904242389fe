/**
 * DescribeShareGroupOffsets (key 90) request/response shapes, shared by versions v0, v1.
 * Generated from the Kafka 4.4.0 message JSON; field names are the JSON names in camelCase.
 * A field missing from some of those versions (or tagged) is optional: encoders of versions without it
 * ignore it, decoders of those versions leave it out. int64 fields are JS numbers (exact below 2^53).
 */

export interface DescribeShareGroupOffsetsRequestTopic {
  /** The topic name. */
  topicName: string;
  /** The partitions. */
  partitions: number[];
}

export interface DescribeShareGroupOffsetsRequestGroup {
  /** The group identifier. */
  groupId: string;
  /** The topics to describe offsets for, or null for all topic-partitions. */
  topics: DescribeShareGroupOffsetsRequestTopic[] | null;
}

export interface DescribeShareGroupOffsetsRequest {
  /** The groups to describe offsets for. */
  groups: DescribeShareGroupOffsetsRequestGroup[];
}

export interface DescribeShareGroupOffsetsResponsePartition {
  /** The partition index. */
  partitionIndex: number;
  /** The share-partition start offset. */
  startOffset: number;
  /** The leader epoch of the partition. */
  leaderEpoch: number;
  /** The share-partition lag. (v1+) */
  lag?: number;
  /** The partition-level error code, or 0 if there was no error. */
  errorCode: number;
  /** The partition-level error message, or null if there was no error. */
  errorMessage: string | null;
}

export interface DescribeShareGroupOffsetsResponseTopic {
  /** The topic name. */
  topicName: string;
  /** The unique topic ID. */
  topicId: string;
  /**  */
  partitions: DescribeShareGroupOffsetsResponsePartition[];
}

export interface DescribeShareGroupOffsetsResponseGroup {
  /** The group identifier. */
  groupId: string;
  /** The results for each topic. */
  topics: DescribeShareGroupOffsetsResponseTopic[];
  /** The group-level error code, or 0 if there was no error. */
  errorCode: number;
  /** The group-level error message, or null if there was no error. */
  errorMessage: string | null;
}

export interface DescribeShareGroupOffsetsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The results for each group. */
  groups: DescribeShareGroupOffsetsResponseGroup[];
}
