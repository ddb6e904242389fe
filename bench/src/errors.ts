export type BenchErrorCode = 'TIMEOUT' | 'USAGE' | 'PEER_FAILED' | 'CHART_FAILED' | 'LOST_JOBS';

/**
 * A benchmark could not run or measure (never raised for slow numbers). The bench is a tool beside the
 * library, like the testkit: its codes are its own, outside the library's SharqErrorCode union.
 */
export class BenchError extends Error {
  readonly code: BenchErrorCode;
  constructor(code: BenchErrorCode, message: string) {
    super(message);
    this.name = 'BenchError';
    this.code = code;
  }
}
