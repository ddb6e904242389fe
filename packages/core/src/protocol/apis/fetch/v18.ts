/**
 * Fetch v18 (flexible) — the grammar it implements (Kafka 4.4.0 message JSON); encoded/decoded by ./grammar.ts.
 *
 *   FetchRequest (Version: 18) => MaxWaitMs MinBytes MaxBytes IsolationLevel SessionId SessionEpoch [Topics] [ForgottenTopicsData] RackId TAG_BUFFER
 *     MaxWaitMs => INT32
 *     MinBytes => INT32
 *     MaxBytes => INT32
 *     IsolationLevel => INT8
 *     SessionId => INT32
 *     SessionEpoch => INT32
 *     Topics => TopicId [Partitions] TAG_BUFFER (COMPACT_ARRAY<FetchTopic>)
 *       TopicId => UUID
 *       Partitions => Partition CurrentLeaderEpoch FetchOffset LastFetchedEpoch LogStartOffset PartitionMaxBytes TAG_BUFFER (COMPACT_ARRAY<FetchPartition>)
 *         Partition => INT32
 *         CurrentLeaderEpoch => INT32
 *         FetchOffset => INT64
 *         LastFetchedEpoch => INT32
 *         LogStartOffset => INT64
 *         PartitionMaxBytes => INT32
 *         ReplicaDirectoryId (tag 0) => UUID
 *         HighWatermark (tag 1) => INT64
 *     ForgottenTopicsData => TopicId Partitions TAG_BUFFER (COMPACT_ARRAY<ForgottenTopic>)
 *       TopicId => UUID
 *       Partitions => COMPACT_ARRAY<INT32>
 *     RackId => COMPACT_STRING
 *     ClusterId (tag 0) => COMPACT_NULLABLE_STRING
 *     ReplicaState (tag 1) => ReplicaId ReplicaEpoch TAG_BUFFER
 *       ReplicaId => INT32
 *       ReplicaEpoch => INT64
 *
 *   FetchResponse (Version: 18) => ThrottleTimeMs ErrorCode SessionId [Responses] TAG_BUFFER
 *     ThrottleTimeMs => INT32
 *     ErrorCode => INT16
 *     SessionId => INT32
 *     Responses => TopicId [Partitions] TAG_BUFFER (COMPACT_ARRAY<FetchableTopicResponse>)
 *       TopicId => UUID
 *       Partitions => PartitionIndex ErrorCode HighWatermark LastStableOffset LogStartOffset [AbortedTransactions] PreferredReadReplica Records TAG_BUFFER (COMPACT_ARRAY<PartitionData>)
 *         PartitionIndex => INT32
 *         ErrorCode => INT16
 *         HighWatermark => INT64
 *         LastStableOffset => INT64
 *         LogStartOffset => INT64
 *         AbortedTransactions => ProducerId FirstOffset TAG_BUFFER (COMPACT_NULLABLE_ARRAY<AbortedTransaction>)
 *           ProducerId => INT64
 *           FirstOffset => INT64
 *         PreferredReadReplica => INT32
 *         Records => COMPACT_NULLABLE_RECORDS
 *         DivergingEpoch (tag 0) => Epoch EndOffset TAG_BUFFER
 *           Epoch => INT32
 *           EndOffset => INT64
 *         CurrentLeader (tag 1) => LeaderId LeaderEpoch TAG_BUFFER
 *           LeaderId => INT32
 *           LeaderEpoch => INT32
 *         SnapshotId (tag 2) => EndOffset Epoch TAG_BUFFER
 *           EndOffset => INT64
 *           Epoch => INT32
 *     NodeEndpoints (tag 0) => NodeId Host Port Rack TAG_BUFFER (COMPACT_ARRAY<NodeEndpoint>)
 *       NodeId => INT32
 *       Host => COMPACT_STRING
 *       Port => INT32
 *       Rack => COMPACT_NULLABLE_STRING
 */
import { fetchCodec } from './grammar.js';

export const fetchV18 = fetchCodec(18);
