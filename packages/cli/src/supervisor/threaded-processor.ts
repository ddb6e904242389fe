import { Worker as Thread } from 'node:worker_threads';
import { type Job, SharqError, UnrecoverableError } from '@sharq/core';
import type { FromThread, ToThread } from './thread-messages.js';

interface Pending {
  job: Job;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/** Error re-created on the main thread from a processor thread's failure. */
export class ProcessorThreadError extends SharqError {
  constructor(name: string, message: string, stack: string | undefined) {
    super('PROCESSOR_FAILED', message);
    this.name = name;
    if (stack) this.stack = stack;
  }
}

/**
 * A processor that runs the user's module in a pool of worker threads. Job data and results cross
 * the thread boundary by structured clone; progress and log calls are forwarded back to the Job.
 */
export class ThreadedProcessor {
  private readonly threads: Thread[] = [];
  private readonly idle: Thread[] = [];
  private readonly waiting: ((thread: Thread) => void)[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextRunId = 1;

  private constructor() {}

  static async start(file: string, size: number): Promise<ThreadedProcessor> {
    const pool = new ThreadedProcessor();
    const entry = new URL('./processor-thread.js', import.meta.url);
    await Promise.all(
      Array.from({ length: size }, async () => {
        const thread = new Thread(entry, { workerData: { file } });
        await new Promise<void>((resolve, reject) => {
          thread.once('message', (message: FromThread) => {
            if (message.type === 'ready') resolve();
            else
              reject(
                new SharqError(
                  'PROCESSOR_LOAD',
                  message.type === 'load-error' ? message.message : 'thread failed to start',
                ),
              );
          });
          thread.once('error', reject);
        });
        thread.on('message', (message: FromThread) => pool.onMessage(message));
        pool.threads.push(thread);
        pool.idle.push(thread);
      }),
    );
    return pool;
  }

  readonly process = async (job: Job, context: { signal: AbortSignal }): Promise<unknown> => {
    const thread = await this.acquire();
    const runId = this.nextRunId++;
    const onAbort = () =>
      thread.postMessage({
        type: 'abort',
        runId,
        reason: String(context.signal.reason ?? 'aborted'),
      } satisfies ToThread);
    context.signal.addEventListener('abort', onAbort, { once: true });
    try {
      return await new Promise<unknown>((resolve, reject) => {
        this.pending.set(runId, { job, resolve, reject });
        const message: ToThread = {
          type: 'run',
          runId,
          job: {
            id: job.id,
            name: job.name,
            data: job.data,
            attempt: job.attempt,
            attemptsMade: job.attemptsMade,
            deliveryCount: job.deliveryCount,
            timestamp: job.timestamp,
          },
        };
        thread.postMessage(message);
      });
    } finally {
      context.signal.removeEventListener('abort', onAbort);
      this.pending.delete(runId);
      this.release(thread);
    }
  };

  async close(): Promise<void> {
    await Promise.all(this.threads.map((thread) => thread.terminate()));
  }

  private onMessage(message: FromThread): void {
    if (message.type === 'ready' || message.type === 'load-error') return;
    const pending = this.pending.get(message.runId);
    if (!pending) return;
    switch (message.type) {
      case 'done':
        pending.resolve(message.result);
        break;
      case 'failed': {
        const { name, message: text, stack, unrecoverable } = message.error;
        pending.reject(
          unrecoverable ? new UnrecoverableError(text) : new ProcessorThreadError(name, text, stack),
        );
        break;
      }
      case 'progress':
        void pending.job.updateProgress(message.progress);
        break;
      case 'log':
        void pending.job.log(message.line);
        break;
    }
  }

  private acquire(): Promise<Thread> {
    const thread = this.idle.pop();
    if (thread) return Promise.resolve(thread);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(thread: Thread): void {
    const next = this.waiting.shift();
    if (next) next(thread);
    else this.idle.push(thread);
  }
}
