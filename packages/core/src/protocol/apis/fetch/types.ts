/**
 * Fetch (key 1) request/response shapes, shared by versions v13, v18.
 * Generated from the Kafka 4.4.0 message JSON; field names are the JSON names in camelCase.
 * A field missing from some of those versions (or tagged) is optional: encoders of versions without it
 * ignore it, decoders of those versions leave it out. int64 fields are JS numbers (exact below 2^53).
 */

export interface FetchReplicaState {
  /** The replica ID of the follower, or -1 if this request is from a consumer. */
  replicaId: number;
  /** The epoch of this follower, or -1 if not available. */
  replicaEpoch: number;
}

export interface FetchPartition {
  /** The partition index. */
  partition: number;
  /** The current leader epoch of the partition. */
  currentLeaderEpoch: number;
  /** The message offset. */
  fetchOffset: number;
  /** The epoch of the last fetched record or -1 if there is none. */
  lastFetchedEpoch: number;
  /** The earliest available offset of the follower replica.  The field is only used when the request is sent by the follower. */
  logStartOffset: number;
  /** The maximum bytes to fetch from this partition.  See KIP-74 for cases where this limit may not be honored. */
  partitionMaxBytes: number;
  /** The directory id of the follower fetching. (v17+) */
  replicaDirectoryId?: string;
  /** The high-watermark known by the replica. -1 if the high-watermark is not known and 9223372036854775807 if the feature is not supported. (v18+) */
  highWatermark?: number;
}

export interface FetchTopic {
  /** The unique topic ID. */
  topicId: string;
  /** The partitions to fetch. */
  partitions: FetchPartition[];
}

export interface FetchForgottenTopic {
  /** The unique topic ID. */
  topicId: string;
  /** The partitions indexes to forget. */
  partitions: number[];
}

export interface FetchRequest {
  /** The clusterId if known. This is used to validate metadata fetches prior to broker registration. */
  clusterId?: string | null;
  /** The broker ID of the follower, of -1 if this request is from a consumer. (v13-v14) */
  replicaId?: number;
  /** The state of the replica in the follower. (v15+) */
  replicaState?: FetchReplicaState;
  /** The maximum time in milliseconds to wait for the response. */
  maxWaitMs: number;
  /** The minimum bytes to accumulate in the response. */
  minBytes: number;
  /** The maximum bytes to fetch.  See KIP-74 for cases where this limit may not be honored. */
  maxBytes: number;
  /** This setting controls the visibility of transactional records. Using READ_UNCOMMITTED (isolation_level = 0) makes all records visible. With READ_COMMITTED (isolation_level = 1), non-transactional and COMMITTED transactional records are visible. To be more concrete, READ_COMMITTED returns all data from offsets smaller than the current LSO (last stable offset), and enables the inclusion of the list of aborted transactions in the result, which allows consumers to discard ABORTED transactional records. */
  isolationLevel: number;
  /** The fetch session ID. */
  sessionId: number;
  /** The fetch session epoch, which is used for ordering requests in a session. */
  sessionEpoch: number;
  /** The topics to fetch. */
  topics: FetchTopic[];
  /** In an incremental fetch request, the partitions to remove. */
  forgottenTopicsData: FetchForgottenTopic[];
  /** Rack ID of the consumer making this request. */
  rackId: string;
}

export interface FetchEpochEndOffset {
  /** The largest epoch. */
  epoch: number;
  /** The end offset of the epoch. */
  endOffset: number;
}

export interface FetchLeaderIdAndEpoch {
  /** The ID of the current leader or -1 if the leader is unknown. */
  leaderId: number;
  /** The latest known leader epoch. */
  leaderEpoch: number;
}

export interface FetchSnapshotId {
  /** The end offset of the epoch. */
  endOffset: number;
  /** The largest epoch. */
  epoch: number;
}

export interface FetchAbortedTransaction {
  /** The producer id associated with the aborted transaction. */
  producerId: number;
  /** The first offset in the aborted transaction. */
  firstOffset: number;
}

export interface FetchPartitionData {
  /** The partition index. */
  partitionIndex: number;
  /** The error code, or 0 if there was no fetch error. */
  errorCode: number;
  /** The current high water mark. */
  highWatermark: number;
  /** The last stable offset (or LSO) of the partition. This is the last offset such that the state of all transactional records prior to this offset have been decided (ABORTED or COMMITTED). */
  lastStableOffset: number;
  /** The current log start offset. */
  logStartOffset: number;
  /** In case divergence is detected based on the `LastFetchedEpoch` and `FetchOffset` in the request, this field indicates the largest epoch and its end offset such that subsequent records are known to diverge. */
  divergingEpoch?: FetchEpochEndOffset;
  /** The current leader of the partition. */
  currentLeader?: FetchLeaderIdAndEpoch;
  /** In the case of fetching an offset less than the LogStartOffset, this is the end offset and epoch that should be used in the FetchSnapshot request. */
  snapshotId?: FetchSnapshotId;
  /** The aborted transactions. */
  abortedTransactions: FetchAbortedTransaction[] | null;
  /** The preferred read replica for the consumer to use on its next fetch request. */
  preferredReadReplica: number;
  /** The record data. */
  records: Buffer | null;
}

export interface FetchableTopicResponse {
  /** The unique topic ID. */
  topicId: string;
  /** The topic partitions. */
  partitions: FetchPartitionData[];
}

export interface FetchNodeEndpoint {
  /** The ID of the associated node. */
  nodeId: number;
  /** The node's hostname. */
  host: string;
  /** The node's port. */
  port: number;
  /** The rack of the node, or null if it has not been assigned to a rack. */
  rack: string | null;
}

export interface FetchResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The top level response error code. */
  errorCode: number;
  /** The fetch session ID, or 0 if this is not part of a fetch session. */
  sessionId: number;
  /** The response topics. */
  responses: FetchableTopicResponse[];
  /** Endpoints for all current-leaders enumerated in PartitionData, with errors NOT_LEADER_OR_FOLLOWER & FENCED_LEADER_EPOCH. (v16+) */
  nodeEndpoints?: FetchNodeEndpoint[];
}
