/**
 * ShareFetch v1 (flexible) — the grammar it implements (Kafka 4.4.0 message JSON); encoded/decoded by ./grammar.ts.
 *
 *   ShareFetchRequest (Version: 1) => GroupId MemberId ShareSessionEpoch MaxWaitMs MinBytes MaxBytes MaxRecords BatchSize [Topics] [ForgottenTopicsData] TAG_BUFFER
 *     GroupId => COMPACT_NULLABLE_STRING
 *     MemberId => COMPACT_NULLABLE_STRING
 *     ShareSessionEpoch => INT32
 *     MaxWaitMs => INT32
 *     MinBytes => INT32
 *     MaxBytes => INT32
 *     MaxRecords => INT32
 *     BatchSize => INT32
 *     Topics => TopicId [Partitions] TAG_BUFFER (COMPACT_ARRAY<FetchTopic>)
 *       TopicId => UUID
 *       Partitions => PartitionIndex [AcknowledgementBatches] TAG_BUFFER (COMPACT_ARRAY<FetchPartition>)
 *         PartitionIndex => INT32
 *         AcknowledgementBatches => FirstOffset LastOffset AcknowledgeTypes TAG_BUFFER (COMPACT_ARRAY<AcknowledgementBatch>)
 *           FirstOffset => INT64
 *           LastOffset => INT64
 *           AcknowledgeTypes => COMPACT_ARRAY<INT8>
 *     ForgottenTopicsData => TopicId Partitions TAG_BUFFER (COMPACT_ARRAY<ForgottenTopic>)
 *       TopicId => UUID
 *       Partitions => COMPACT_ARRAY<INT32>
 *
 *   ShareFetchResponse (Version: 1) => ThrottleTimeMs ErrorCode ErrorMessage AcquisitionLockTimeoutMs [Responses] [NodeEndpoints] TAG_BUFFER
 *     ThrottleTimeMs => INT32
 *     ErrorCode => INT16
 *     ErrorMessage => COMPACT_NULLABLE_STRING
 *     AcquisitionLockTimeoutMs => INT32
 *     Responses => TopicId [Partitions] TAG_BUFFER (COMPACT_ARRAY<ShareFetchableTopicResponse>)
 *       TopicId => UUID
 *       Partitions => PartitionIndex ErrorCode ErrorMessage AcknowledgeErrorCode AcknowledgeErrorMessage CurrentLeader Records [AcquiredRecords] TAG_BUFFER (COMPACT_ARRAY<PartitionData>)
 *         PartitionIndex => INT32
 *         ErrorCode => INT16
 *         ErrorMessage => COMPACT_NULLABLE_STRING
 *         AcknowledgeErrorCode => INT16
 *         AcknowledgeErrorMessage => COMPACT_NULLABLE_STRING
 *         CurrentLeader => LeaderId LeaderEpoch TAG_BUFFER
 *           LeaderId => INT32
 *           LeaderEpoch => INT32
 *         Records => COMPACT_RECORDS
 *         AcquiredRecords => FirstOffset LastOffset DeliveryCount TAG_BUFFER (COMPACT_ARRAY<AcquiredRecords>)
 *           FirstOffset => INT64
 *           LastOffset => INT64
 *           DeliveryCount => INT16
 *     NodeEndpoints => NodeId Host Port Rack TAG_BUFFER (COMPACT_ARRAY<NodeEndpoint>)
 *       NodeId => INT32
 *       Host => COMPACT_STRING
 *       Port => INT32
 *       Rack => COMPACT_NULLABLE_STRING
 */
import { shareFetchCodec } from './grammar.js';

export const shareFetchV1 = shareFetchCodec(1);
