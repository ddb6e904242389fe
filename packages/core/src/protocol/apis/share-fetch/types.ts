/**
 * ShareFetch (key 78) request/response shapes, shared by versions v1, v2.
 * Generated from the Kafka 4.4.0 message JSON; field names are the JSON names in camelCase.
 * A field missing from some of those versions (or tagged) is optional: encoders of versions without it
 * ignore it, decoders of those versions leave it out. int64 fields are JS numbers (exact below 2^53).
 */

export interface ShareFetchAcknowledgementBatch {
  /** First offset of batch of records to acknowledge. */
  firstOffset: number;
  /** Last offset (inclusive) of batch of records to acknowledge. */
  lastOffset: number;
  /** Array of acknowledge types - 0:Gap,1:Accept,2:Release,3:Reject,4:Renew. */
  acknowledgeTypes: number[];
}

export interface ShareFetchFetchPartition {
  /** The partition index. */
  partitionIndex: number;
  /** Record batches to acknowledge. */
  acknowledgementBatches: ShareFetchAcknowledgementBatch[];
}

export interface ShareFetchFetchTopic {
  /** The unique topic ID. */
  topicId: string;
  /** The partitions to fetch. */
  partitions: ShareFetchFetchPartition[];
}

export interface ShareFetchForgottenTopic {
  /** The unique topic ID. */
  topicId: string;
  /** The partitions indexes to forget. */
  partitions: number[];
}

export interface ShareFetchRequest {
  /** The group identifier. */
  groupId: string | null;
  /** The member ID. */
  memberId: string | null;
  /** The current share session epoch: 0 to open a share session; -1 to close it; otherwise increments for consecutive requests. */
  shareSessionEpoch: number;
  /** The maximum time in milliseconds to wait for the response. */
  maxWaitMs: number;
  /** The minimum bytes to accumulate in the response. */
  minBytes: number;
  /** The maximum bytes to fetch. See KIP-74 for cases where this limit may not be honored. */
  maxBytes: number;
  /** The maximum number of records to fetch. This limit can be exceeded for alignment of batch boundaries. */
  maxRecords: number;
  /** The optimal number of records for batches of acquired records and acknowledgements. */
  batchSize: number;
  /** The acquire mode to control the fetch behavior - 0:batch-optimized,1:record-limit. (v2+) */
  shareAcquireMode?: number;
  /** Whether Renew type acknowledgements present in AcknowledgementBatches. (v2+) */
  isRenewAck?: boolean;
  /** The topics to fetch. */
  topics: ShareFetchFetchTopic[];
  /** The partitions to remove from this share session. */
  forgottenTopicsData: ShareFetchForgottenTopic[];
}

export interface ShareFetchLeaderIdAndEpoch {
  /** The ID of the current leader or -1 if the leader is unknown. */
  leaderId: number;
  /** The latest known leader epoch. */
  leaderEpoch: number;
}

export interface ShareFetchAcquiredRecords {
  /** The earliest offset in this batch of acquired records. */
  firstOffset: number;
  /** The last offset of this batch of acquired records. */
  lastOffset: number;
  /** The delivery count of this batch of acquired records. */
  deliveryCount: number;
}

export interface ShareFetchPartitionData {
  /** The partition index. */
  partitionIndex: number;
  /** The fetch error code, or 0 if there was no fetch error. */
  errorCode: number;
  /** The fetch error message, or null if there was no fetch error. */
  errorMessage: string | null;
  /** The acknowledge error code, or 0 if there was no acknowledge error. */
  acknowledgeErrorCode: number;
  /** The acknowledge error message, or null if there was no acknowledge error. */
  acknowledgeErrorMessage: string | null;
  /** The current leader of the partition. */
  currentLeader: ShareFetchLeaderIdAndEpoch;
  /** The record data. */
  records: Buffer;
  /** The acquired records. */
  acquiredRecords: ShareFetchAcquiredRecords[];
}

export interface ShareFetchableTopicResponse {
  /** The unique topic ID. */
  topicId: string;
  /** The topic partitions. */
  partitions: ShareFetchPartitionData[];
}

export interface ShareFetchNodeEndpoint {
  /** The ID of the associated node. */
  nodeId: number;
  /** The node's hostname. */
  host: string;
  /** The node's port. */
  port: number;
  /** The rack of the node, or null if it has not been assigned to a rack. */
  rack: string | null;
}

export interface ShareFetchResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The top-level response error code. */
  errorCode: number;
  /** The top-level error message, or null if there was no error. */
  errorMessage: string | null;
  /** The time in milliseconds for which the acquired records are locked. */
  acquisitionLockTimeoutMs: number;
  /** The response topics. */
  responses: ShareFetchableTopicResponse[];
  /** Endpoints for all current leaders enumerated in PartitionData with error NOT_LEADER_OR_FOLLOWER. */
  nodeEndpoints: ShareFetchNodeEndpoint[];
}
