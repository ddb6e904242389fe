import type { KafkaErrorName } from '../client/error-codes.js';
import { brokerError, errorCodeOf, type KafkaProtocolError } from '../client/errors.js';
import { SharqError } from '../errors.js';

/**
 * The embedded engine fails like the broker: the same KafkaProtocolError class and code the Kafka
 * engine surfaces, so callers branch on `code` the same way for both engines.
 */
function kafkaError(name: KafkaErrorName, detail: string): KafkaProtocolError {
  const code = errorCodeOf(name);
  if (code === undefined) throw new SharqError('ENGINE', `embedded engine: unknown Kafka error name ${name}`);
  return brokerError(code, detail);
}

/** The record is not acquired by this member any more (never was, lock expired, already settled). */
export function invalidRecordState(detail: string): KafkaProtocolError {
  return kafkaError('INVALID_RECORD_STATE', detail);
}

export function unknownTopicOrPartition(topic: string, partition?: number): KafkaProtocolError {
  return kafkaError('UNKNOWN_TOPIC_OR_PARTITION', partition === undefined ? topic : `${topic}-${partition}`);
}
