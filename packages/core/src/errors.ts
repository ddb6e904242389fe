/**
 * Every error Sharq throws is a SharqError with a stable `code`.
 * Callers branch on `code` (or `instanceof`), never on message text.
 */
export class SharqError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
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
