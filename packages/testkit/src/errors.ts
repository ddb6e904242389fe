/**
 * Errors the testkit throws. The testkit cannot depend on @sharq/core (core devDepends on the
 * testkit), so this mirrors core's SharqError shape: a stable `code` callers branch on.
 */
export type TestkitErrorCode =
  | 'JAVA_MISSING'
  | 'JAVA_TOO_OLD'
  | 'MAVEN_MISSING'
  | 'KAFKA_RESOLVE_FAILED'
  | 'KAFKA_FORMAT_FAILED'
  | 'KAFKA_START_FAILED'
  | 'KAFKA_START_TIMEOUT'
  | 'KAFKA_FEATURE_MISSING'
  | 'KAFKA_PROBE_FAILED'
  | 'KAFKA_NOT_RUNNING'
  | 'KAFKA_VERSION_UNSUPPORTED'
  /** A dev-broker data folder formatted by another Kafka release (start it with that release, or --fresh). */
  | 'KAFKA_DATA_VERSION_MISMATCH'
  | 'REDIS_UNAVAILABLE'
  /** A suite read useSuiteEngine's engine before its beforeAll made it. */
  | 'SUITE_ENGINE_NOT_READY';

export class TestkitError extends Error {
  readonly code: TestkitErrorCode;
  constructor(code: TestkitErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}
