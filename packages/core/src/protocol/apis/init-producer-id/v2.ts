/**
 * InitProducerId v2 (flexible), written by hand from the Kafka 4.4.0 message JSON.
 *
 *   InitProducerIdRequest (Version: 2) => TransactionalId TransactionTimeoutMs TAG_BUFFER
 *     TransactionalId => COMPACT_NULLABLE_STRING
 *     TransactionTimeoutMs => INT32
 *
 *   InitProducerIdResponse (Version: 2) => ThrottleTimeMs ErrorCode ProducerId ProducerEpoch TAG_BUFFER
 *     ThrottleTimeMs => INT32
 *     ErrorCode => INT16
 *     ProducerId => INT64
 *     ProducerEpoch => INT16
 */
import type { ApiCodec } from '../../api.js';
import type { Reader } from '../../reader.js';
import type { Writer } from '../../writer.js';
import type { InitProducerIdRequest, InitProducerIdResponse } from './types.js';

function writeInitProducerIdRequest(w: Writer, s: InitProducerIdRequest): void {
  w.compactNullableString(s.transactionalId);
  w.int32(s.transactionTimeoutMs);
  w.taggedFields();
}

function readInitProducerIdRequest(r: Reader): InitProducerIdRequest {
  const transactionalId = r.readCompactNullableString();
  const transactionTimeoutMs = r.readInt32();
  r.readTaggedFields();
  return { transactionalId, transactionTimeoutMs };
}

function writeInitProducerIdResponse(w: Writer, s: InitProducerIdResponse): void {
  w.int32(s.throttleTimeMs);
  w.int16(s.errorCode);
  w.int64(s.producerId);
  w.int16(s.producerEpoch);
  w.taggedFields();
}

function readInitProducerIdResponse(r: Reader): InitProducerIdResponse {
  const throttleTimeMs = r.readInt32();
  const errorCode = r.readInt16();
  const producerId = r.readInt64();
  const producerEpoch = r.readInt16();
  r.readTaggedFields();
  return { throttleTimeMs, errorCode, producerId, producerEpoch };
}

export const initProducerIdV2: ApiCodec<InitProducerIdRequest, InitProducerIdResponse> = {
  name: 'InitProducerId',
  apiKey: 22,
  version: 2,
  flexible: true,
  encodeRequest: writeInitProducerIdRequest,
  decodeRequest: readInitProducerIdRequest,
  encodeResponse: writeInitProducerIdResponse,
  decodeResponse: readInitProducerIdResponse,
};
