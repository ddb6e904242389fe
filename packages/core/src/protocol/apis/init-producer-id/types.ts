/**
 * InitProducerId (key 22) request/response shapes of version v2 (the first flexible one).
 * Written by hand from the Kafka 4.4.0 message JSON (not in codegen/gen.py's APIS); field names are the
 * JSON names in camelCase. int64 fields are JS numbers (exact below 2^53).
 */

export interface InitProducerIdRequest {
  /** The transactional id, or null if the producer is not transactional. */
  transactionalId: string | null;
  /** The time in ms to wait before aborting idle transactions sent by this producer. This is only relevant if a TransactionalId has been defined. */
  transactionTimeoutMs: number;
}

export interface InitProducerIdResponse {
  /** The duration in milliseconds for which the request was throttled due to a quota violation, or zero if the request did not violate any quota. */
  throttleTimeMs: number;
  /** The error code, or 0 if there was no error. */
  errorCode: number;
  /** The current producer id. */
  producerId: number;
  /** The current epoch associated with the producer id. */
  producerEpoch: number;
}
