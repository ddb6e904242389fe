import { ConnectionError, SharqError, TimeoutError, type UnlistedKafkaErrorName } from '../errors.js';
import { ERROR_CODES, type KafkaErrorName } from './error-codes.js';
import { ERROR_MESSAGES } from './error-messages.js';

/** What a broker error code means for the caller's recovery. Retry logic reads these, never message text. */
export interface BrokerErrorInfo {
  readonly errorCode: number;
  /** Kafka's name for the code, e.g. 'INVALID_RECORD_STATE'. */
  readonly name: KafkaErrorName | UnlistedKafkaErrorName;
  /** Sending the same request again (after backoff) may succeed. */
  readonly retriable: boolean;
  /** Leaders or topic ids moved: refresh metadata before retrying. */
  readonly refreshMetadata: boolean;
  /** The group coordinator moved: find it again (invalidateCoordinator) before retrying. */
  readonly refreshCoordinator: boolean;
  /** Drop the assignment and rejoin the group with epoch 0 and the same member id. */
  readonly rejoin: boolean;
  /** Reopen the fetch/share session with epoch 0 and the full partition list. */
  readonly resetSession: boolean;
  /** Neither retrying nor rejoining can help; surface to the user. */
  readonly fatal: boolean;
}

function infoFrom(
  errorCode: number,
  name: KafkaErrorName | UnlistedKafkaErrorName,
  flags: string,
): BrokerErrorInfo {
  return Object.freeze({
    errorCode,
    name,
    retriable: flags.includes('R'),
    refreshMetadata: flags.includes('M'),
    refreshCoordinator: flags.includes('C'),
    rejoin: flags.includes('J'),
    resetSession: flags.includes('S'),
    fatal: flags.includes('F'),
  });
}

const BY_CODE = new Map<number, BrokerErrorInfo>(
  ERROR_CODES.map(([code, name, flags]) => [code, infoFrom(code, name, flags)]),
);
const BY_NAME = new Map<string, BrokerErrorInfo>([...BY_CODE.values()].map((info) => [info.name, info]));

/**
 * The table entry for a broker error code. A code this table does not know (a newer broker) is treated as
 * non-retriable and non-fatal: the caller sees it, nothing retries it blindly.
 */
export function brokerErrorInfo(errorCode: number): BrokerErrorInfo {
  return BY_CODE.get(errorCode) ?? infoFrom(errorCode, `KAFKA_ERROR_${errorCode}`, '');
}

/** Looks a code up by Kafka name, e.g. errorCodeOf('NOT_LEADER_OR_FOLLOWER') === 6; undefined if unknown. */
export function errorCodeOf(name: string): number | undefined {
  return BY_NAME.get(name)?.errorCode;
}

/** Every known entry, ascending by code (docs, tests, dashboards). */
export function allBrokerErrors(): BrokerErrorInfo[] {
  return [...BY_CODE.values()].sort((a, b) => a.errorCode - b.errorCode);
}

/** A broker answered with a non-zero error code. `code` is Kafka's name for it, e.g. 'INVALID_RECORD_STATE'. */
export class KafkaProtocolError extends SharqError implements Omit<BrokerErrorInfo, 'name'> {
  readonly errorCode: number;
  readonly retriable: boolean;
  readonly refreshMetadata: boolean;
  readonly refreshCoordinator: boolean;
  readonly rejoin: boolean;
  readonly resetSession: boolean;
  readonly fatal: boolean;

  constructor(info: BrokerErrorInfo, message: string, options?: { cause?: unknown }) {
    super(info.name, message, options);
    this.errorCode = info.errorCode;
    this.retriable = info.retriable;
    this.refreshMetadata = info.refreshMetadata;
    this.refreshCoordinator = info.refreshCoordinator;
    this.rejoin = info.rejoin;
    this.resetSession = info.resetSession;
    this.fatal = info.fatal;
  }
}

/**
 * Builds the typed error for a broker error code. `message` (the broker's ErrorMessage, or the caller's
 * context such as the API and partition) is appended to Kafka's description of the code.
 */
export function brokerError(errorCode: number, message?: string | null): KafkaProtocolError {
  const info = brokerErrorInfo(errorCode);
  const description = ERROR_MESSAGES.get(errorCode) ?? 'Unknown broker error code.';
  const detail = message ? `: ${message}` : '';
  return new KafkaProtocolError(info, `${info.name} (${errorCode})${detail} — ${description}`);
}

/** Throws brokerError(errorCode, message) unless errorCode is 0 (NONE). */
export function throwIfBrokerError(errorCode: number, message?: string | null): void {
  if (errorCode !== 0) throw brokerError(errorCode, message);
}

export function isKafkaProtocolError(error: unknown): error is KafkaProtocolError {
  return error instanceof KafkaProtocolError;
}

/**
 * Whether sending the same request again may succeed: a broker error flagged retriable, a lost connection or a
 * timeout. Anything else (a fatal broker code, a bug, a validation error) is not retried.
 */
export function isRetriableError(error: unknown): boolean {
  if (isKafkaProtocolError(error)) return error.retriable;
  return error instanceof ConnectionError || error instanceof TimeoutError;
}
