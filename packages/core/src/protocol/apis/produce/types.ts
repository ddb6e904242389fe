/**
 * Produce (key 0) request/response shapes of version v9 (the first flexible one).
 * Written by hand from the Kafka 4.4.0 message JSON (not in codegen/gen.py's APIS); field names are the
 * JSON names in camelCase. Fields of later versions (v10+ tagged CurrentLeader / NodeEndpoints, v13
 * TopicId) are left out. int64 fields are JS numbers (exact below 2^53).
 */

export interface ProducePartitionProduceData {
  /** The partition index. */
  index: number;
  /** The record data to be produced (one or more encoded RecordBatches), or null. */
  records: Buffer | null;
}

export interface ProduceTopicProduceData {
  /** The topic name. */
  name: string;
  /** Each partition to produce to. */
  partitionData: ProducePartitionProduceData[];
}

export interface ProduceRequest {
  /** The transactional ID, or null if the producer is not transactional. */
  transactionalId: string | null;
  /** The number of acknowledgments the producer requires the leader to have received before considering a request complete. Allowed values: 0 for no acknowledgments, 1 for only the leader and -1 for the full ISR. */
  acks: number;
  /** The timeout to await a response in milliseconds. */
  timeoutMs: number;
  /** Each topic to produce to. */
  topicData: ProduceTopicProduceData[];
}

export interface ProduceBatchIndexAndErrorMessage {
  /** The batch index of the record that caused the batch to be dropped. */
  batchIndex: number;
  /** The error message of the record that caused the batch to be dropped. */
  batchIndexErrorMessage: string | null;
}

export interface ProducePartitionProduceResponse {
  /** The partition index. */
  index: number;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** The base offset. */
  baseOffset: number;
  /** The timestamp returned by broker after appending the messages. If CreateTime is used for the topic, the timestamp will be -1.  If LogAppendTime is used for the topic, the timestamp will be the broker local time when the messages are appended. */
  logAppendTimeMs: number;
  /** The log start offset. */
  logStartOffset: number;
  /** The batch indices of records that caused the batch to be dropped. */
  recordErrors: ProduceBatchIndexAndErrorMessage[];
  /** The global error message summarizing the common root cause of the records that caused the batch to be dropped. */
  errorMessage: string | null;
}

export interface ProduceTopicProduceResponse {
  /** The topic name. */
  name: string;
  /** Each partition that we produced to within the topic. */
  partitionResponses: ProducePartitionProduceResponse[];
}

export interface ProduceResponse {
  /** Each produce response. */
  responses: ProduceTopicProduceResponse[];
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
}
