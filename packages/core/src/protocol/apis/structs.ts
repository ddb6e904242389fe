/**
 * Struct codecs that several APIs share byte for byte (module-level functions, so no closure per array):
 *
 *   NodeEndpoint => NodeId:INT32 Host:COMPACT_STRING Port:INT32 Rack:COMPACT_NULLABLE_STRING TAG_BUFFER
 *                   (Fetch v16+ NodeEndpoints, ShareFetch/ShareAcknowledge NodeEndpoints)
 *   LeaderIdAndEpoch => LeaderId:INT32 LeaderEpoch:INT32 TAG_BUFFER  (Fetch, ShareFetch, ShareAcknowledge CurrentLeader)
 *   AcknowledgeTopic => TopicId:UUID [Partitions] TAG_BUFFER         (ShareFetch and ShareAcknowledge request Topics)
 *     Partitions => PartitionIndex:INT32 [AcknowledgementBatches] TAG_BUFFER
 *       AcknowledgementBatches => FirstOffset:INT64 LastOffset:INT64 AcknowledgeTypes:COMPACT_ARRAY<INT8> TAG_BUFFER
 *   ForgottenTopic => TopicId:UUID Partitions:COMPACT_ARRAY<INT32> TAG_BUFFER  (Fetch, ShareFetch ForgottenTopicsData)
 *
 * Each API's types.ts keeps its own (structurally identical) interfaces; these take the common shape.
 */
import type { Reader } from '../reader.js';
import type { Writer } from '../writer.js';
import { readInt8Item, readInt32Item, writeInt8Item, writeInt32Item } from './items.js';

export interface NodeEndpoint {
  nodeId: number;
  host: string;
  port: number;
  rack: string | null;
}

export interface LeaderIdAndEpoch {
  leaderId: number;
  leaderEpoch: number;
}

export interface AcknowledgementBatch {
  firstOffset: number;
  lastOffset: number;
  acknowledgeTypes: number[];
}

export interface AcknowledgePartition {
  partitionIndex: number;
  acknowledgementBatches: AcknowledgementBatch[];
}

export interface AcknowledgeTopic {
  topicId: string;
  partitions: AcknowledgePartition[];
}

export interface ForgottenTopic {
  topicId: string;
  partitions: number[];
}

export function writeNodeEndpoint(w: Writer, s: NodeEndpoint): void {
  w.int32(s.nodeId);
  w.compactString(s.host);
  w.int32(s.port);
  w.compactNullableString(s.rack);
  w.taggedFields();
}

export function readNodeEndpoint(r: Reader): NodeEndpoint {
  const nodeId = r.readInt32();
  const host = r.readCompactString();
  const port = r.readInt32();
  const rack = r.readCompactNullableString();
  r.readTaggedFields();
  return { nodeId, host, port, rack };
}

export function writeLeaderIdAndEpoch(w: Writer, s: LeaderIdAndEpoch): void {
  w.int32(s.leaderId);
  w.int32(s.leaderEpoch);
  w.taggedFields();
}

export function readLeaderIdAndEpoch(r: Reader): LeaderIdAndEpoch {
  const leaderId = r.readInt32();
  const leaderEpoch = r.readInt32();
  r.readTaggedFields();
  return { leaderId, leaderEpoch };
}

function writeAcknowledgementBatch(w: Writer, s: AcknowledgementBatch): void {
  w.int64(s.firstOffset);
  w.int64(s.lastOffset);
  w.compactArray(s.acknowledgeTypes, writeInt8Item);
  w.taggedFields();
}

function readAcknowledgementBatch(r: Reader): AcknowledgementBatch {
  const firstOffset = r.readInt64();
  const lastOffset = r.readInt64();
  const acknowledgeTypes = r.readCompactArray(readInt8Item);
  r.readTaggedFields();
  return { firstOffset, lastOffset, acknowledgeTypes };
}

function writeAcknowledgePartition(w: Writer, s: AcknowledgePartition): void {
  w.int32(s.partitionIndex);
  w.compactArray(s.acknowledgementBatches, writeAcknowledgementBatch);
  w.taggedFields();
}

function readAcknowledgePartition(r: Reader): AcknowledgePartition {
  const partitionIndex = r.readInt32();
  const acknowledgementBatches = r.readCompactArray(readAcknowledgementBatch);
  r.readTaggedFields();
  return { partitionIndex, acknowledgementBatches };
}

export function writeAcknowledgeTopic(w: Writer, s: AcknowledgeTopic): void {
  w.uuid(s.topicId);
  w.compactArray(s.partitions, writeAcknowledgePartition);
  w.taggedFields();
}

export function readAcknowledgeTopic(r: Reader): AcknowledgeTopic {
  const topicId = r.readUuid();
  const partitions = r.readCompactArray(readAcknowledgePartition);
  r.readTaggedFields();
  return { topicId, partitions };
}

export function writeForgottenTopic(w: Writer, s: ForgottenTopic): void {
  w.uuid(s.topicId);
  w.compactArray(s.partitions, writeInt32Item);
  w.taggedFields();
}

export function readForgottenTopic(r: Reader): ForgottenTopic {
  const topicId = r.readUuid();
  const partitions = r.readCompactArray(readInt32Item);
  r.readTaggedFields();
  return { topicId, partitions };
}
