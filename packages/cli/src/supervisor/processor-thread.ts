/**
 * Runs inside a worker thread: executes the user's processor so a CPU-bound job cannot stall
 * the main thread, where heartbeats and lock renewals (RENEW) keep running on time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SharqError, UnrecoverableError, toError } from '@sharq/core';
import { loadProcessor } from './load-processor.js';
import type { FromThread, ToThread } from './thread-messages.js';

const port = parentPort;
if (!port) throw new SharqError('PROCESSOR_LOAD', 'processor-thread must run in a worker thread');
const post = (message: FromThread) => port.postMessage(message);
const aborts = new Map<number, AbortController>();

try {
  const processor = await loadProcessor((workerData as { file: string }).file);
  port.on('message', (message: ToThread) => {
    if (message.type === 'abort') {
      aborts.get(message.runId)?.abort(new SharqError(message.code, message.reason));
      return;
    }
    const { runId, job } = message;
    const controller = new AbortController();
    aborts.set(runId, controller);
    const proxy = {
      ...job,
      updateProgress: async (progress: number | Record<string, unknown>) =>
        post({ type: 'progress', runId, progress }),
      log: async (line: string) => post({ type: 'log', runId, line }),
    };
    Promise.resolve()
      .then(() => processor(proxy as never, { signal: controller.signal }))
      .then(
        (result) => post({ type: 'done', runId, result }),
        (error: unknown) => {
          const e = toError(error, 'processor');
          post({
            type: 'failed',
            runId,
            error: {
              name: e.name,
              message: e.message,
              ...(e.stack ? { stack: e.stack } : {}),
              unrecoverable:
                e instanceof UnrecoverableError || (e as { code?: unknown }).code === 'UNRECOVERABLE',
            },
          });
        },
      )
      .finally(() => aborts.delete(runId));
  });
  post({ type: 'ready' });
} catch (error) {
  post({ type: 'load-error', message: (error as Error).message });
}
