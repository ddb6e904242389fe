/**
 * ShareAcknowledge v2 (flexible) — the grammar it implements (Kafka 4.4.0 message JSON); encoded/decoded by ./grammar.ts.
 *
 *   ShareAcknowledgeRequest (Version: 2) => GroupId MemberId ShareSessionEpoch IsRenewAck [Topics] TAG_BUFFER
 *     GroupId => COMPACT_NULLABLE_STRING
 *     MemberId => COMPACT_NULLABLE_STRING
 *     ShareSessionEpoch => INT32
 *     IsRenewAck => BOOL
 *     Topics => TopicId [Partitions] TAG_BUFFER (COMPACT_ARRAY<AcknowledgeTopic>)
 *       TopicId => UUID
 *       Partitions => PartitionIndex [AcknowledgementBatches] TAG_BUFFER (COMPACT_ARRAY<AcknowledgePartition>)
 *         PartitionIndex => INT32
 *         AcknowledgementBatches => FirstOffset LastOffset AcknowledgeTypes TAG_BUFFER (COMPACT_ARRAY<AcknowledgementBatch>)
 *           FirstOffset => INT64
 *           LastOffset => INT64
 *           AcknowledgeTypes => COMPACT_ARRAY<INT8>
 *
 *   ShareAcknowledgeResponse (Version: 2) => ThrottleTimeMs ErrorCode ErrorMessage AcquisitionLockTimeoutMs [Responses] [NodeEndpoints] TAG_BUFFER
 *     ThrottleTimeMs => INT32
 *     ErrorCode => INT16
 *     ErrorMessage => COMPACT_NULLABLE_STRING
 *     AcquisitionLockTimeoutMs => INT32
 *     Responses => TopicId [Partitions] TAG_BUFFER (COMPACT_ARRAY<ShareAcknowledgeTopicResponse>)
 *       TopicId => UUID
 *       Partitions => PartitionIndex ErrorCode ErrorMessage CurrentLeader TAG_BUFFER (COMPACT_ARRAY<PartitionData>)
 *         PartitionIndex => INT32
 *         ErrorCode => INT16
 *         ErrorMessage => COMPACT_NULLABLE_STRING
 *         CurrentLeader => LeaderId LeaderEpoch TAG_BUFFER
 *           LeaderId => INT32
 *           LeaderEpoch => INT32
 *     NodeEndpoints => NodeId Host Port Rack TAG_BUFFER (COMPACT_ARRAY<NodeEndpoint>)
 *       NodeId => INT32
 *       Host => COMPACT_STRING
 *       Port => INT32
 *       Rack => COMPACT_NULLABLE_STRING
 */
import { shareAcknowledgeCodec } from './grammar.js';

export const shareAcknowledgeV2 = shareAcknowledgeCodec(2);
