import { SharqError } from '@sharq/core';

export type BenchErrorCode = 'TIMEOUT' | 'USAGE' | 'PEER_FAILED' | 'CHART_FAILED' | 'LOST_JOBS';

/** A benchmark could not run or measure (never raised for slow numbers). */
export class BenchError extends SharqError {
  constructor(code: BenchErrorCode, message: string) {
    super(code, message);
    this.name = 'BenchError';
  }
}
