import type { SharqErrorCode } from '@sharq/core';

/** Messages between a worker process's main thread and its processor threads. */
export interface RunMessage {
  type: 'run';
  runId: number;
  job: {
    id: string;
    name: string;
    data: unknown;
    attempt: number;
    attemptsMade: number;
    deliveryCount: number;
    timestamp: number;
  };
}

export interface AbortMessage {
  type: 'abort';
  runId: number;
  reason: string;
  /** The code of the main thread's abort reason; the thread aborts with a SharqError of this code. */
  code: SharqErrorCode;
}

export type ToThread = RunMessage | AbortMessage;

export type FromThread =
  | { type: 'ready' }
  | { type: 'load-error'; message: string }
  | { type: 'done'; runId: number; result: unknown }
  | {
      type: 'failed';
      runId: number;
      error: { name: string; message: string; stack?: string; unrecoverable: boolean };
    }
  | { type: 'progress'; runId: number; progress: number | Record<string, unknown> }
  | { type: 'log'; runId: number; line: string };
