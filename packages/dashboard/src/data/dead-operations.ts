/**
 * Replays and purges that run in the background (`?background=1` on the DLQ actions) so the page can show
 * their progress: each gets an id; GET /api/queues/:q/operations/:id says where it is. Only the last
 * MAX_KEPT operations are kept (a finished one is dropped first).
 */
import { randomUUID } from 'node:crypto';
import type { PurgeResult, ReplayOptions, ReplayResult } from '@sharq/core';
import type { Logger } from 'pino';
import { errorResponse } from '../http/respond.js';

const MAX_KEPT = 50;

export type OperationProgress = Parameters<NonNullable<ReplayOptions['onProgress']>>[0];

export interface DeadOperation {
  id: string;
  queue: string;
  action: 'replay' | 'purge';
  state: 'running' | 'done' | 'failed';
  progress: OperationProgress | undefined;
  result: ReplayResult | PurgeResult | undefined;
  error: { code: string; message: string } | undefined;
  startedAt: number;
  finishedAt: number | undefined;
}

export class DeadOperations {
  private readonly operations = new Map<string, DeadOperation>();

  start(
    queue: string,
    action: DeadOperation['action'],
    run: (onProgress: (progress: OperationProgress) => void) => Promise<ReplayResult | PurgeResult>,
    logger: Logger | undefined,
    onSettled: () => void,
  ): DeadOperation {
    const operation: DeadOperation = {
      id: randomUUID(),
      queue,
      action,
      state: 'running',
      progress: undefined,
      result: undefined,
      error: undefined,
      startedAt: Date.now(),
      finishedAt: undefined,
    };
    this.keep(operation);
    run((progress) => {
      operation.progress = progress;
    })
      .then(
        (result) => {
          operation.result = result;
          operation.state = 'done';
        },
        (error: unknown) => {
          operation.error = errorResponse(error, logger).body.error;
          operation.state = 'failed';
        },
      )
      .finally(() => {
        operation.finishedAt = Date.now();
        onSettled();
      });
    return operation;
  }

  get(queue: string, id: string): DeadOperation | undefined {
    const operation = this.operations.get(id);
    return operation?.queue === queue ? operation : undefined;
  }

  private keep(operation: DeadOperation): void {
    if (this.operations.size >= MAX_KEPT) {
      const finished = [...this.operations.values()].find((o) => o.state !== 'running');
      const oldest = finished ?? this.operations.values().next().value;
      if (oldest) this.operations.delete(oldest.id);
    }
    this.operations.set(operation.id, operation);
  }
}
