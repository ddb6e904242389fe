/**
 * Produce v9 (flexible), written by hand from the Kafka 4.4.0 message JSON. Kafka 4.x brokers serve 3-13;
 * v10-v12 differ from v9 only by tagged fields (CurrentLeader, NodeEndpoints: skipped when read) and broker
 * semantics a plain producer does not need, v13 swaps topic names for topic ids.
 *
 *   ProduceRequest (Version: 9) => TransactionalId Acks TimeoutMs [TopicData] TAG_BUFFER
 *     TransactionalId => COMPACT_NULLABLE_STRING
 *     Acks => INT16
 *     TimeoutMs => INT32
 *     TopicData => Name [PartitionData] TAG_BUFFER (COMPACT_ARRAY<TopicProduceData>)
 *       Name => COMPACT_STRING
 *       PartitionData => Index Records TAG_BUFFER (COMPACT_ARRAY<PartitionProduceData>)
 *         Index => INT32
 *         Records => COMPACT_NULLABLE_RECORDS
 *
 *   ProduceResponse (Version: 9) => [Responses] ThrottleTimeMs TAG_BUFFER
 *     Responses => Name [PartitionResponses] TAG_BUFFER (COMPACT_ARRAY<TopicProduceResponse>)
 *       Name => COMPACT_STRING
 *       PartitionResponses => Index ErrorCode BaseOffset LogAppendTimeMs LogStartOffset [RecordErrors] ErrorMessage TAG_BUFFER (COMPACT_ARRAY<PartitionProduceResponse>)
 *         Index => INT32
 *         ErrorCode => INT16
 *         BaseOffset => INT64
 *         LogAppendTimeMs => INT64
 *         LogStartOffset => INT64
 *         RecordErrors => BatchIndex BatchIndexErrorMessage TAG_BUFFER (COMPACT_ARRAY<BatchIndexAndErrorMessage>)
 *           BatchIndex => INT32
 *           BatchIndexErrorMessage => COMPACT_NULLABLE_STRING
 *         ErrorMessage => COMPACT_NULLABLE_STRING
 *     ThrottleTimeMs => INT32
 *
 * The request encoder is on the produce hot path: module-level element writers (no closure per topic,
 * partition or record set) and each Records buffer copied once, straight into the Writer.
 */
import type { ApiCodec } from '../../api.js';
import type { Reader } from '../../reader.js';
import type { Writer } from '../../writer.js';
import type {
  ProduceBatchIndexAndErrorMessage,
  ProducePartitionProduceData,
  ProducePartitionProduceResponse,
  ProduceRequest,
  ProduceResponse,
  ProduceTopicProduceData,
  ProduceTopicProduceResponse,
} from './types.js';

function writeProducePartitionProduceData(w: Writer, s: ProducePartitionProduceData): void {
  w.int32(s.index);
  // COMPACT_NULLABLE_RECORDS: uvarint (length + 1, 0 = null), then the bytes, copied once.
  w.compactNullableBytes(s.records);
  w.taggedFields();
}

function readProducePartitionProduceData(r: Reader): ProducePartitionProduceData {
  const index = r.readInt32();
  const records = r.readCompactNullableBytes();
  r.readTaggedFields();
  return { index, records };
}

function writeProduceTopicProduceData(w: Writer, s: ProduceTopicProduceData): void {
  w.compactString(s.name);
  w.compactArray(s.partitionData, writeProducePartitionProduceData);
  w.taggedFields();
}

function readProduceTopicProduceData(r: Reader): ProduceTopicProduceData {
  const name = r.readCompactString();
  const partitionData = r.readCompactArray(readProducePartitionProduceData);
  r.readTaggedFields();
  return { name, partitionData };
}

function writeProduceRequest(w: Writer, s: ProduceRequest): void {
  w.compactNullableString(s.transactionalId);
  w.int16(s.acks);
  w.int32(s.timeoutMs);
  w.compactArray(s.topicData, writeProduceTopicProduceData);
  w.taggedFields();
}

function readProduceRequest(r: Reader): ProduceRequest {
  const transactionalId = r.readCompactNullableString();
  const acks = r.readInt16();
  const timeoutMs = r.readInt32();
  const topicData = r.readCompactArray(readProduceTopicProduceData);
  r.readTaggedFields();
  return { transactionalId, acks, timeoutMs, topicData };
}

function writeProduceBatchIndexAndErrorMessage(w: Writer, s: ProduceBatchIndexAndErrorMessage): void {
  w.int32(s.batchIndex);
  w.compactNullableString(s.batchIndexErrorMessage);
  w.taggedFields();
}

function readProduceBatchIndexAndErrorMessage(r: Reader): ProduceBatchIndexAndErrorMessage {
  const batchIndex = r.readInt32();
  const batchIndexErrorMessage = r.readCompactNullableString();
  r.readTaggedFields();
  return { batchIndex, batchIndexErrorMessage };
}

function writeProducePartitionProduceResponse(w: Writer, s: ProducePartitionProduceResponse): void {
  w.int32(s.index);
  w.int16(s.errorCode);
  w.int64(s.baseOffset);
  w.int64(s.logAppendTimeMs);
  w.int64(s.logStartOffset);
  w.compactArray(s.recordErrors, writeProduceBatchIndexAndErrorMessage);
  w.compactNullableString(s.errorMessage);
  w.taggedFields();
}

function readProducePartitionProduceResponse(r: Reader): ProducePartitionProduceResponse {
  const index = r.readInt32();
  const errorCode = r.readInt16();
  const baseOffset = r.readInt64();
  const logAppendTimeMs = r.readInt64();
  const logStartOffset = r.readInt64();
  const recordErrors = r.readCompactArray(readProduceBatchIndexAndErrorMessage);
  const errorMessage = r.readCompactNullableString();
  r.readTaggedFields();
  return { index, errorCode, baseOffset, logAppendTimeMs, logStartOffset, recordErrors, errorMessage };
}

function writeProduceTopicProduceResponse(w: Writer, s: ProduceTopicProduceResponse): void {
  w.compactString(s.name);
  w.compactArray(s.partitionResponses, writeProducePartitionProduceResponse);
  w.taggedFields();
}

function readProduceTopicProduceResponse(r: Reader): ProduceTopicProduceResponse {
  const name = r.readCompactString();
  const partitionResponses = r.readCompactArray(readProducePartitionProduceResponse);
  r.readTaggedFields();
  return { name, partitionResponses };
}

function writeProduceResponse(w: Writer, s: ProduceResponse): void {
  w.compactArray(s.responses, writeProduceTopicProduceResponse);
  w.int32(s.throttleTimeMs);
  w.taggedFields();
}

function readProduceResponse(r: Reader): ProduceResponse {
  const responses = r.readCompactArray(readProduceTopicProduceResponse);
  const throttleTimeMs = r.readInt32();
  r.readTaggedFields();
  return { responses, throttleTimeMs };
}

export const produceV9: ApiCodec<ProduceRequest, ProduceResponse> = {
  name: 'Produce',
  apiKey: 0,
  version: 9,
  flexible: true,
  encodeRequest: writeProduceRequest,
  decodeRequest: readProduceRequest,
  encodeResponse: writeProduceResponse,
  decodeResponse: readProduceResponse,
};
