/**
 * Every error Sharq throws is a SharqError with a stable `code`.
 * Callers branch on `code` (or `instanceof`), never on message text. `code` is a closed union, so a
 * misspelt code in `error.code === '…'` does not compile.
 */
import type { KafkaErrorName } from './client/error-codes.js';

/** The codes Sharq's own errors carry (broker errors carry Kafka's name for their code, see KafkaErrorName). */
export const SHARQ_ERROR_CODES = [
  // options, input, wire
  'VALIDATION',
  'USAGE',
  'DECODE',
  'TIMEOUT',
  'CONNECTION',
  'CLOSED',
  'UNKNOWN',
  'NON_ERROR_THROWN',
  'TLS',
  'SASL_SCRAM',
  'SHARE_GROUPS_UNSUPPORTED',
  // engines
  'ENGINE',
  'KAFKA_ADMIN',
  'GROUP_CONSUMER',
  'KAFKAJS_REJOIN_GATE',
  'REJOIN_DRAIN_TIMEOUT',
  'GROUP_CONFIG_NOT_APPLIED',
  'TOPIC_NOT_READY',
  'PRODUCE_FAILED',
  // jobs
  'UNRECOVERABLE',
  'UNKNOWN_BACKOFF',
  'JOB_FAILED',
  'DEDUP_CLAIM_TIMEOUT',
  'DEDUP_CLAIM_LOST',
  'DEDUP_NO_CLAIM',
  'EVENT_UNSERIALISABLE',
  'SCHEDULER_NOT_FOUND',
  'QUEUE_ORDERING_MISMATCH',
  // worker
  'LOCK_LOST',
  'DUPLICATE_DELIVERY',
  'MALFORMED_JOB',
  'RATE_LIMITED',
  'PROCESSOR_FAILED',
  'PROCESSOR_LOAD',
  // dashboard HTTP answers
  'UNAUTHORIZED',
  'BAD_TOKEN',
  'BAD_HOST',
  'BAD_ORIGIN',
  'CSRF',
  'READ_ONLY',
  'TOO_MANY_ATTEMPTS',
  'NOT_FOUND',
  'QUEUE_NOT_FOUND',
  'JOB_NOT_FOUND',
  'DEAD_JOB_NOT_FOUND',
  'OPERATION_NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'BAD_JSON',
] as const;

export type SharqOwnErrorCode = (typeof SHARQ_ERROR_CODES)[number];

/** A broker error code newer than the table in client/error-codes.ts. */
export type UnlistedKafkaErrorName = `KAFKA_ERROR_${number}`;

export type SharqErrorCode = SharqOwnErrorCode | KafkaErrorName | UnlistedKafkaErrorName;

const OWN_CODES: ReadonlySet<string> = new Set(SHARQ_ERROR_CODES);

/** True for Sharq's own codes (not broker names); for a code that crossed a process or thread boundary as a string. */
export function isSharqOwnErrorCode(code: string): code is SharqOwnErrorCode {
  return OWN_CODES.has(code);
}

export class SharqError extends Error {
  readonly code: SharqErrorCode;
  constructor(code: SharqErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Options or input from outside failed validation. `path` names the offending field. */
export class ValidationError extends SharqError {
  readonly path: string;
  readonly issues: readonly { path: string; message: string }[];
  constructor(message: string, issues: readonly { path: string; message: string }[] = []) {
    super('VALIDATION', message);
    this.issues = issues;
    this.path = issues[0]?.path ?? '';
  }
}

/** Bytes from the network or a topic could not be decoded. */
export class DecodeError extends SharqError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('DECODE', message, options);
  }
}

/** A request did not get its answer in time. */
export class TimeoutError extends SharqError {
  constructor(message: string) {
    super('TIMEOUT', message);
  }
}

/** The connection to a broker (or Redis) is gone or could not be made. */
export class ConnectionError extends SharqError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CONNECTION', message, options);
  }
}

/** Something was used after close(). */
export class ClosedError extends SharqError {
  constructor(what: string) {
    super('CLOSED', `${what} is closed`);
  }
}

/** Code threw (or rejected with) something that is not an Error; it is wrapped so it is never dropped. */
export class NonErrorThrownError extends SharqError {
  readonly thrown: unknown;
  constructor(thrown: unknown, thrower = 'code') {
    super('NON_ERROR_THROWN', `${thrower} threw a non-Error value: ${describeThrown(thrown)}`);
    this.thrown = thrown;
  }
}

function describeThrown(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/**
 * The one normaliser for caught values: an Error stays itself (a user's processor error keeps its class);
 * anything else becomes a NonErrorThrownError naming `thrower`, so nothing thrown is ever dropped.
 */
export function toError(thrown: unknown, thrower?: string): Error {
  return thrown instanceof Error ? thrown : new NonErrorThrownError(thrown, thrower);
}
