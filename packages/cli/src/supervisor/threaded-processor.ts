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

/** One processor thread and the jobs it is running now. */
interface Lane {
  thread: Thread;
  running: number;
}

/**
 * A processor that runs the user's module in a pool of worker threads. Job data and results cross
 * the thread boundary by structured clone; progress and log calls are forwarded back to the Job.
 *
 * Each thread runs up to `jobsPerThread` jobs at once (its event loop interleaves their awaits), so
 * `--concurrency` holds for I/O-bound jobs however few cores there are; a new job goes to the least
 * busy thread. A CPU-bound job still blocks only its own thread, never the main loop where heartbeats
 * and lock renewals run.
 */
export class ThreadedProcessor {
  private readonly lanes: Lane[] = [];
  private readonly waiting: ((lane: Lane) => void)[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextRunId = 1;

  private constructor(private readonly jobsPerThread: number) {}

  static async start(file: string, size: number, jobsPerThread = 1): Promise<ThreadedProcessor> {
    const pool = new ThreadedProcessor(Math.max(1, jobsPerThread));
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
        pool.lanes.push({ thread, running: 0 });
      }),
    );
    return pool;
  }

  /** Jobs each thread may run at once. */
  get perThread(): number {
    return this.jobsPerThread;
  }

  readonly process = async (job: Job, context: { signal: AbortSignal }): Promise<unknown> => {
    const lane = await this.acquire();
    const { thread } = lane;
    const runId = this.nextRunId++;
    const onAbort = () => {
      const reason: unknown = context.signal.reason;
      thread.postMessage({
        type: 'abort',
        runId,
        reason: String(reason ?? 'aborted'),
        code: reason instanceof SharqError ? reason.code : 'CLOSED',
      } satisfies ToThread);
    };
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
      this.release(lane);
    }
  };

  async close(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.thread.terminate()));
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

  /** The least busy thread with room for one more job (waits for one otherwise). */
  private acquire(): Promise<Lane> {
    let best: Lane | undefined;
    for (const lane of this.lanes) {
      if (lane.running < this.jobsPerThread && (!best || lane.running < best.running)) best = lane;
    }
    if (best) {
      best.running++;
      return Promise.resolve(best);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(lane: Lane): void {
    const next = this.waiting.shift();
    // The freed room goes straight to the next waiting job (the lane's count stays).
    if (next) next(lane);
    else lane.running--;
  }
}
