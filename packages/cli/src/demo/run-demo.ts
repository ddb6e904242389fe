import { type Connection, Queue } from '@sharq/core';
import { Worker } from '@sharq/worker';
import { formatTable, type Output } from '../output.js';
import { type DemoJob, demoProcessor } from './demo-processor.js';

export interface DemoOptions {
  connection: Connection;
  connectionLabel: string;
  jobs: number;
  workers: number;
  concurrency: number;
  queueName: string;
}

export interface DemoSummary {
  added: number;
  completed: number;
  retried: number;
  dead: number;
  seconds: number;
}

function planJobs(total: number): { name: string; data: DemoJob }[] {
  const jobs: { name: string; data: DemoJob }[] = [];
  for (let n = 0; n < total; n++) {
    const kind: DemoJob['kind'] =
      n % 50 === 7
        ? 'poison'
        : n % 50 === 13
          ? 'invalid-input'
          : n % 10 === 3
            ? 'flaky'
            : n % 100 === 42
              ? 'slow'
              : 'ok';
    jobs.push({ name: kind === 'ok' ? 'send-email' : `send-email:${kind}`, data: { kind, n } });
  }
  return jobs;
}

/**
 * The zero-setup demo: one producer, a few workers, every outcome a queue sees, and a summary.
 * Lock duration is short (2 s) so the slow jobs (1.6 s) prove renewal while a human watches.
 */
export async function runDemo(options: DemoOptions, output: Output): Promise<DemoSummary> {
  const started = Date.now();
  const { connection, queueName } = options;
  output.out(
    `sharq demo on ${options.connectionLabel}: queue "${queueName}", ${options.jobs} jobs, ` +
      `${options.workers} workers × concurrency ${options.concurrency}`,
  );

  const queue = new Queue<DemoJob>(queueName, { connection, lockDurationMs: 2_000 });
  const workers = Array.from(
    { length: options.workers },
    (_, i) =>
      new Worker<DemoJob, string>(queueName, demoProcessor, {
        connection,
        concurrency: options.concurrency,
        lockDurationMs: 2_000,
        drainDelayMs: 200,
        workerId: `demo-worker-${i + 1}`,
      }),
  );

  let completed = 0;
  let retried = 0;
  let dead = 0;
  const finished = new Promise<void>((resolve) => {
    const check = () => {
      output.progress(`completed ${completed}  retried ${retried}  dead ${dead}`);
      if (completed + dead >= options.jobs) resolve();
    };
    for (const worker of workers) {
      worker.on('completed', () => {
        completed++;
        check();
      });
      worker.on('failed', (_job, _error, outcome) => {
        if (outcome.kind === 'retry') retried++;
        check();
      });
      worker.on('dead', () => {
        dead++;
        check();
      });
      worker.on('error', (error) => output.err(`worker error [${errorCode(error)}]: ${error.message}`));
    }
  });

  try {
    const defaults = { attempts: 3, backoff: { type: 'fixed' as const, delay: 100 } };
    await queue.addBulk(planJobs(options.jobs).map((job) => ({ ...job, opts: defaults })));
    await finished;
    output.progress('');
    const seconds = (Date.now() - started) / 1000;
    const counts = await queue.getCounts();
    output.out('');
    output.out(
      formatTable([
        ['added', 'completed', 'retried attempts', 'dead-lettered', 'waiting now', 'seconds'],
        [
          String(options.jobs),
          String(completed),
          String(retried),
          String(dead),
          String(counts.waiting),
          seconds.toFixed(2),
        ],
      ]),
    );
    const page = await queue.listDeadJobs({ limit: 5 });
    output.out('');
    output.out(`dead-letter queue (${page.total} jobs, newest first, first ${page.jobs.length}):`);
    output.out(
      formatTable([
        ['dead id', 'job', 'reason', 'attempts', 'error'],
        ...page.jobs.map((job) => [
          job.id,
          job.name ?? '-',
          job.reason,
          String(job.attempts ?? '-'),
          job.error.message.slice(0, 60),
        ]),
      ]),
    );
    return { added: options.jobs, completed, retried, dead, seconds };
  } finally {
    await Promise.all(workers.map((worker) => worker.close({ timeout: 5_000 })));
    await queue.close();
  }
}

function errorCode(error: Error): string {
  return 'code' in error && typeof error.code === 'string' ? error.code : error.name;
}
