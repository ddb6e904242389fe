/**
 * A queue in the state the dashboard exists for: waiting jobs, a job held far too long by a
 * worker (stuck), and a dead job whose data carries an HTML/script payload. The processor fails
 * a job only while data.failUntil is in the future, so a replay after that time completes.
 */
import { Queue } from '@sharq/core';
import { testBrokers, uniqueName } from '@sharq/testkit';
import { Worker } from '@sharq/worker';

export const XSS = '<script>window.__sharqXss = 1; alert("xss")</script><img src=x onerror="alert(2)">';

export interface JobData {
  failUntil?: number;
  holdMs?: number;
  note?: string;
}

export interface Scenario {
  queueName: string;
  brokers: string[];
  queue: Queue<JobData>;
  holder: Worker<JobData>;
  failUntil: number;
  /** A worker that drains everything else (waiting jobs, replays); started on demand. */
  startHelper(): Worker<JobData>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function until<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(250);
  }
}

const REPO_ROOT = new URL('../../../../', import.meta.url);

/**
 * The README's dashboard pictures are taken from this scenario: its stack traces name files relative to the
 * repository (`packages/…`), as a reader would see them, not this machine's absolute paths.
 */
function withRepositoryPaths(error: Error): Error {
  error.stack = error.stack
    ?.replaceAll(REPO_ROOT.href, '')
    .replaceAll(decodeURIComponent(REPO_ROOT.pathname), '');
  return error;
}

async function process(job: { data: JobData }, signal: AbortSignal): Promise<string> {
  if (job.data.failUntil !== undefined && job.data.failUntil > Date.now()) {
    throw withRepositoryPaths(
      new Error(`upstream unavailable until ${new Date(job.data.failUntil).toISOString()}`),
    );
  }
  if (job.data.holdMs) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, job.data.holdMs);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  return 'ok';
}

export async function startScenario(
  options: { waiting?: number; failForMs?: number } = {},
): Promise<Scenario> {
  const brokers = testBrokers();
  const queueName = uniqueName('payments');
  const connection = { brokers };
  const settings = { lockDurationMs: 5_000 };
  const queue = new Queue<JobData>(queueName, { connection, ...settings });
  const failUntil = Date.now() + (options.failForMs ?? 8_000);
  // In offset order: the poison job dies first, then the long one pins the only slot.
  await queue.add('charge-card', { failUntil, note: XSS }, { attempts: 1 });
  await queue.add('long-report', { holdMs: 600_000 });
  await queue.addBulk(
    Array.from({ length: options.waiting ?? 5 }, (_, n) => ({
      name: 'send-email',
      data: { note: `email ${n}` },
    })),
  );
  const holder = new Worker<JobData>(queueName, (job, { signal }) => process(job, signal), {
    connection,
    concurrency: 1,
    presenceIntervalMs: 500,
    ...settings,
  });
  const helpers: Worker<JobData>[] = [];
  return {
    queueName,
    brokers,
    queue,
    holder,
    failUntil,
    startHelper() {
      const helper = new Worker<JobData>(queueName, (job, { signal }) => process(job, signal), {
        connection,
        concurrency: 4,
        presenceIntervalMs: 500,
        ...settings,
      });
      helpers.push(helper);
      return helper;
    },
    async close() {
      await Promise.allSettled([...helpers, holder].map((w) => w.close({ timeout: 2_000 })));
      await queue.close();
    },
  };
}
