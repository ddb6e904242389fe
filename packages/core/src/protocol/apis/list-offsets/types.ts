/**
 * ListOffsets (key 2) request/response shapes, shared by versions v7, v11.
 * Generated from the Kafka 4.4.0 message JSON; field names are the JSON names in camelCase.
 * A field missing from some of those versions (or tagged) is optional: encoders of versions without it
 * ignore it, decoders of those versions leave it out. int64 fields are JS numbers (exact below 2^53).
 */

export interface ListOffsetsPartition {
  /** The partition index. */
  partitionIndex: number;
  /** The current leader epoch. */
  currentLeaderEpoch: number;
  /** The current timestamp. */
  timestamp: number;
}

export interface ListOffsetsTopic {
  /** The topic name. */
  name: string;
  /** Each partition in the request. */
  partitions: ListOffsetsPartition[];
}

export interface ListOffsetsRequest {
  /** The broker ID of the requester, or -1 if this request is being made by a normal consumer. */
  replicaId: number;
  /** This setting controls the visibility of transactional records. Using READ_UNCOMMITTED (isolation_level = 0) makes all records visible. With READ_COMMITTED (isolation_level = 1), non-transactional and COMMITTED transactional records are visible. To be more concrete, READ_COMMITTED returns all data from offsets smaller than the current LSO (last stable offset), and enables the inclusion of the list of aborted transactions in the result, which allows consumers to discard ABORTED transactional records. */
  isolationLevel: number;
  /** Each topic in the request. */
  topics: ListOffsetsTopic[];
  /** The timeout to await a response in milliseconds for requests that require reading from remote storage for topics enabled with tiered storage. (v10+) */
  timeoutMs?: number;
}

export interface ListOffsetsPartitionResponse {
  /** The partition index. */
  partitionIndex: number;
  /** The partition error code, or 0 if there was no error. */
  errorCode: number;
  /** The timestamp associated with the returned offset. */
  timestamp: number;
  /** The returned offset. */
  offset: number;
  /** The leader epoch associated with the returned offset. */
  leaderEpoch: number;
}

export interface ListOffsetsTopicResponse {
  /** The topic name. */
  name: string;
  /** Each partition in the response. */
  partitions: ListOffsetsPartitionResponse[];
}

export interface ListOffsetsResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** Each topic in the response. */
  topics: ListOffsetsTopicResponse[];
}
