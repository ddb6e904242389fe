/**
 * The request/response shapes the share consumer speaks, named after the Kafka 4.4 message schemas
 * (ShareGroupHeartbeat v1, ShareFetch v1–v2, ShareAcknowledge v1–v2), camelCased. The consumer logic
 * depends only on these and on `ShareTransport` (transport.ts), so it is unit-tested against a fake
 * broker and the real client layer slots in through cluster-transport.ts.
 */

/** KIP-932 AcknowledgeType on the wire. GAP is internal (offsets with no deliverable record). */
export const AckTypeCode = { gap: 0, accept: 1, release: 2, reject: 3, renew: 4 } as const;
export type AckTypeCode = (typeof AckTypeCode)[keyof typeof AckTypeCode];

export interface AcknowledgementBatch {
  firstOffset: number;
  lastOffset: number;
  /** One type for the whole range, or one per offset. */
  acknowledgeTypes: number[];
}

export interface HeartbeatRequest {
  groupId: string;
  memberId: string;
  memberEpoch: number;
  rackId: string | null;
  subscribedTopicNames: string[] | null;
}

export interface HeartbeatResponse {
  throttleTimeMs: number;
  errorCode: number;
  errorMessage: string | null;
  memberId: string | null;
  memberEpoch: number;
  heartbeatIntervalMs: number;
  assignment: { topicPartitions: { topicId: string; partitions: number[] }[] } | null;
}

export interface FetchPartitionRequest {
  partitionIndex: number;
  acknowledgementBatches: AcknowledgementBatch[];
}

export interface ShareFetchRequest {
  groupId: string;
  memberId: string;
  shareSessionEpoch: number;
  maxWaitMs: number;
  minBytes: number;
  maxBytes: number;
  maxRecords: number;
  batchSize: number;
  /** v2: 0 batch_optimized, 1 record_limit. */
  shareAcquireMode: number;
  /** v2 */
  isRenewAck: boolean;
  topics: { topicId: string; partitions: FetchPartitionRequest[] }[];
  forgottenTopicsData: { topicId: string; partitions: number[] }[];
}

export interface AcquiredRecords {
  firstOffset: number;
  lastOffset: number;
  deliveryCount: number;
}

export interface ShareFetchPartitionResponse {
  partitionIndex: number;
  errorCode: number;
  errorMessage: string | null;
  acknowledgeErrorCode: number;
  acknowledgeErrorMessage: string | null;
  currentLeader: { leaderId: number; leaderEpoch: number };
  /** Raw RecordBatch v2 bytes (may hold offsets we did not acquire). */
  records: Buffer | null;
  acquiredRecords: AcquiredRecords[];
}

export interface NodeEndpoint {
  nodeId: number;
  host: string;
  port: number;
  rack: string | null;
}

export interface ShareFetchResponse {
  throttleTimeMs: number;
  errorCode: number;
  errorMessage: string | null;
  acquisitionLockTimeoutMs: number;
  responses: { topicId: string; partitions: ShareFetchPartitionResponse[] }[];
  nodeEndpoints: NodeEndpoint[];
}

export interface ShareAcknowledgeRequest {
  groupId: string;
  memberId: string;
  shareSessionEpoch: number;
  /** v2 */
  isRenewAck: boolean;
  topics: { topicId: string; partitions: FetchPartitionRequest[] }[];
}

export interface ShareAcknowledgePartitionResponse {
  partitionIndex: number;
  errorCode: number;
  errorMessage: string | null;
  currentLeader: { leaderId: number; leaderEpoch: number };
}

export interface ShareAcknowledgeResponse {
  throttleTimeMs: number;
  errorCode: number;
  errorMessage: string | null;
  /** v2; 0 when absent. */
  acquisitionLockTimeoutMs: number;
  responses: { topicId: string; partitions: ShareAcknowledgePartitionResponse[] }[];
  nodeEndpoints: NodeEndpoint[];
}

/** One record out of a RecordBatch, as the consumer needs it. */
export interface DecodedRecord {
  offset: number;
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer>;
}
