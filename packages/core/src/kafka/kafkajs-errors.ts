/**
 * kafkajs errors → ours, so callers branch on the same `code` whichever engine they run on:
 * a broker error kafkajs reports by Kafka name (`type`, e.g. 'MESSAGE_TOO_LARGE') becomes the
 * KafkaProtocolError of that code; lost connections become ConnectionError; anything else `fallback`.
 */
import { brokerError, errorCodeOf } from '../client/errors.js';
import { ConnectionError, SharqError } from '../errors.js';

export function fromKafkajs(
  error: unknown,
  context: string,
  fallback: (message: string) => SharqError,
): SharqError {
  if (error instanceof SharqError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    name?: unknown;
    type?: unknown;
    message?: unknown;
    cause?: unknown;
    originalError?: unknown;
  };
  const message = `${context}: ${typeof e.message === 'string' ? e.message : String(error)}`;
  // Retries exhausted: the interesting error is the last one kafkajs saw.
  const inner = e.originalError ?? e.cause;
  if (e.name === 'KafkaJSNumberOfRetriesExceeded' && inner && inner !== error) {
    return fromKafkajs(inner, context, fallback);
  }
  if (typeof e.type === 'string') {
    const code = errorCodeOf(e.type);
    if (code !== undefined) {
      const typed = brokerError(code, message);
      return Object.assign(typed, { cause: error });
    }
  }
  if (e.name === 'KafkaJSConnectionError' || e.name === 'KafkaJSConnectionClosedError') {
    return new ConnectionError(message, { cause: error });
  }
  const wrapped = fallback(message);
  return Object.assign(wrapped, { cause: error });
}
