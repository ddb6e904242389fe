/**
 * ShareAcknowledge (key 79) request/response shapes, shared by versions v1, v2.
 * Generated from the Kafka 4.4.0 message JSON; field names are the JSON names in camelCase.
 * A field missing from some of those versions (or tagged) is optional: encoders of versions without it
 * ignore it, decoders of those versions leave it out. int64 fields are JS numbers (exact below 2^53).
 */

export interface ShareAcknowledgeAcknowledgementBatch {
  /** First offset of batch of records to acknowledge. */
  firstOffset: number;
  /** Last offset (inclusive) of batch of records to acknowledge. */
  lastOffset: number;
  /** Array of acknowledge types - 0:Gap,1:Accept,2:Release,3:Reject,4:Renew. */
  acknowledgeTypes: number[];
}

export interface ShareAcknowledgeAcknowledgePartition {
  /** The partition index. */
  partitionIndex: number;
  /** Record batches to acknowledge. */
  acknowledgementBatches: ShareAcknowledgeAcknowledgementBatch[];
}

export interface ShareAcknowledgeAcknowledgeTopic {
  /** The unique topic ID. */
  topicId: string;
  /** The partitions containing records to acknowledge. */
  partitions: ShareAcknowledgeAcknowledgePartition[];
}

export interface ShareAcknowledgeRequest {
  /** The group identifier. */
  groupId: string | null;
  /** The member ID. */
  memberId: string | null;
  /** The current share session epoch: 0 to open a share session; -1 to close it; otherwise increments for consecutive requests. */
  shareSessionEpoch: number;
  /** Whether Renew type acknowledgements present in AcknowledgementBatches. (v2+) */
  isRenewAck?: boolean;
  /** The topics containing records to acknowledge. */
  topics: ShareAcknowledgeAcknowledgeTopic[];
}

export interface ShareAcknowledgeLeaderIdAndEpoch {
  /** The ID of the current leader or -1 if the leader is unknown. */
  leaderId: number;
  /** The latest known leader epoch. */
  leaderEpoch: number;
}

export interface ShareAcknowledgePartitionData {
  /** The partition index. */
  partitionIndex: number;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** The error message, or null if there was no error. */
  errorMessage: string | null;
  /** The current leader of the partition. */
  currentLeader: ShareAcknowledgeLeaderIdAndEpoch;
}

export interface ShareAcknowledgeTopicResponse {
  /** The unique topic ID. */
  topicId: string;
  /** The topic partitions. */
  partitions: ShareAcknowledgePartitionData[];
}

export interface ShareAcknowledgeNodeEndpoint {
  /** The ID of the associated node. */
  nodeId: number;
  /** The node's hostname. */
  host: string;
  /** The node's port. */
  port: number;
  /** The rack of the node, or null if it has not been assigned to a rack. */
  rack: string | null;
}

export interface ShareAcknowledgeResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The top level response error code. */
  errorCode: number;
  /** The top-level error message, or null if there was no error. */
  errorMessage: string | null;
  /** The time in milliseconds for which the acquired records are locked. (v2+) */
  acquisitionLockTimeoutMs?: number;
  /** The response topics. */
  responses: ShareAcknowledgeTopicResponse[];
  /** Endpoints for all current leaders enumerated in PartitionData with error NOT_LEADER_OR_FOLLOWER. */
  nodeEndpoints: ShareAcknowledgeNodeEndpoint[];
}
