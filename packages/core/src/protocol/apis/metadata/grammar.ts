/**
 * Metadata v12 and v13 differ only by the response's trailing top-level ErrorCode (v13+):
 *
 *   MetadataRequest (v12-13) => [Topics] AllowAutoTopicCreation:BOOL IncludeTopicAuthorizedOperations:BOOL TAG_BUFFER
 *     Topics => TopicId:UUID Name:COMPACT_NULLABLE_STRING TAG_BUFFER            (COMPACT_NULLABLE_ARRAY)
 *
 *   MetadataResponse (v12-13) => ThrottleTimeMs:INT32 [Brokers] ClusterId:COMPACT_NULLABLE_STRING ControllerId:INT32
 *                                [Topics] ErrorCode:INT16 (v13+) TAG_BUFFER
 *     Brokers => NodeId:INT32 Host:COMPACT_STRING Port:INT32 Rack:COMPACT_NULLABLE_STRING TAG_BUFFER
 *     Topics => ErrorCode:INT16 Name:COMPACT_NULLABLE_STRING TopicId:UUID IsInternal:BOOL [Partitions]
 *               TopicAuthorizedOperations:INT32 TAG_BUFFER
 *       Partitions => ErrorCode:INT16 PartitionIndex:INT32 LeaderId:INT32 LeaderEpoch:INT32 [ReplicaNodes:INT32]
 *                     [IsrNodes:INT32] [OfflineReplicas:INT32] TAG_BUFFER
 */
import type { ApiCodec } from '../../api.js';
import type { Reader } from '../../reader.js';
import type { Writer } from '../../writer.js';
import type {
  MetadataBroker,
  MetadataPartition,
  MetadataRequest,
  MetadataResponse,
  MetadataTopic,
} from './types.js';

const int32 = (w: Writer, v: number): void => {
  w.int32(v);
};
const readInt32 = (r: Reader): number => r.readInt32();

function encodeRequest(w: Writer, req: MetadataRequest): void {
  w.compactArray(req.topics, (w, t) => {
    w.uuid(t.topicId).compactNullableString(t.name).taggedFields();
  });
  w.bool(req.allowAutoTopicCreation).bool(req.includeTopicAuthorizedOperations).taggedFields();
}

function decodeRequest(r: Reader): MetadataRequest {
  const topics = r.readCompactNullableArray((r) => {
    const topicId = r.readUuid();
    const name = r.readCompactNullableString();
    r.readTaggedFields();
    return { topicId, name };
  });
  const allowAutoTopicCreation = r.readBool();
  const includeTopicAuthorizedOperations = r.readBool();
  r.readTaggedFields();
  return { topics, allowAutoTopicCreation, includeTopicAuthorizedOperations };
}

function readBroker(r: Reader): MetadataBroker {
  const nodeId = r.readInt32();
  const host = r.readCompactString();
  const port = r.readInt32();
  const rack = r.readCompactNullableString();
  r.readTaggedFields();
  return { nodeId, host, port, rack };
}

function readPartition(r: Reader): MetadataPartition {
  const errorCode = r.readInt16();
  const partitionIndex = r.readInt32();
  const leaderId = r.readInt32();
  const leaderEpoch = r.readInt32();
  const replicaNodes = r.readCompactArray(readInt32);
  const isrNodes = r.readCompactArray(readInt32);
  const offlineReplicas = r.readCompactArray(readInt32);
  r.readTaggedFields();
  return { errorCode, partitionIndex, leaderId, leaderEpoch, replicaNodes, isrNodes, offlineReplicas };
}

function readTopic(r: Reader): MetadataTopic {
  const errorCode = r.readInt16();
  const name = r.readCompactNullableString();
  const topicId = r.readUuid();
  const isInternal = r.readBool();
  const partitions = r.readCompactArray(readPartition);
  const topicAuthorizedOperations = r.readInt32();
  r.readTaggedFields();
  return { errorCode, name, topicId, isInternal, partitions, topicAuthorizedOperations };
}

function encodeResponseWith(topLevelError: boolean) {
  return (w: Writer, res: MetadataResponse): void => {
    w.int32(res.throttleTimeMs);
    w.compactArray(res.brokers, (w, b) => {
      w.int32(b.nodeId).compactString(b.host).int32(b.port).compactNullableString(b.rack).taggedFields();
    });
    w.compactNullableString(res.clusterId).int32(res.controllerId);
    w.compactArray(res.topics, (w, t) => {
      w.int16(t.errorCode).compactNullableString(t.name).uuid(t.topicId).bool(t.isInternal);
      w.compactArray(t.partitions, (w, p) => {
        w.int16(p.errorCode).int32(p.partitionIndex).int32(p.leaderId).int32(p.leaderEpoch);
        w.compactArray(p.replicaNodes, int32)
          .compactArray(p.isrNodes, int32)
          .compactArray(p.offlineReplicas, int32);
        w.taggedFields();
      });
      w.int32(t.topicAuthorizedOperations).taggedFields();
    });
    if (topLevelError) w.int16(res.errorCode);
    w.taggedFields();
  };
}

function decodeResponseWith(topLevelError: boolean) {
  return (r: Reader): MetadataResponse => {
    const throttleTimeMs = r.readInt32();
    const brokers = r.readCompactArray(readBroker);
    const clusterId = r.readCompactNullableString();
    const controllerId = r.readInt32();
    const topics = r.readCompactArray(readTopic);
    const errorCode = topLevelError ? r.readInt16() : 0;
    r.readTaggedFields();
    return { throttleTimeMs, brokers, clusterId, controllerId, topics, errorCode };
  };
}

export function metadataCodec(version: 12 | 13): ApiCodec<MetadataRequest, MetadataResponse> {
  const topLevelError = version >= 13;
  return {
    name: 'Metadata',
    apiKey: 3,
    version,
    flexible: true,
    encodeRequest,
    decodeRequest,
    encodeResponse: encodeResponseWith(topLevelError),
    decodeResponse: decodeResponseWith(topLevelError),
  };
}
