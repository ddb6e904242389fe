import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually, kafkaQueue } from '../helpers/kafka.js';
import { onLines } from '../helpers/child-lines.js';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));
const childScript = fileURLToPath(new URL('./fixtures/kill-child.mjs', import.meta.url));

let current: ReturnType<typeof kafkaQueue> | undefined;
let child: ChildProcess | undefined;
afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = undefined;
  await current?.close();
  current = undefined;
});

beforeAll(() => {
  // The child runs the built worker, as users do; build it if this checkout has no dist yet.
  if (!existsSync(`${packageDir}/dist/index.js`)) {
    execFileSync('npx', ['tsc', '-p', `${packageDir}/tsconfig.json`], { stdio: 'inherit' });
  }
});

describe('Worker on Kafka: a crashed worker loses nothing', () => {
  it('a worker process killed with SIGKILL mid-job → its jobs complete later in another worker', async () => {
    const q = kafkaQueue({ lockDurationMs: 2_000 });
    current = q;
    const jobs = await q.queue.addBulk([1, 2, 3].map((n) => ({ name: 'crash-me', data: { n } })));
    const started = new Set<string>();
    child = spawn(
      process.execPath,
      [childScript, q.name, q.connection.brokers.join(','), String(q.group.lockDurationMs), '3'],
      { cwd: packageDir, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    onLines(child.stdout, (line) => {
      if (line.startsWith('started ')) started.add(line.slice(8));
    });
    await eventually(() => (started.size === 3 ? true : undefined), 45_000);
    child.kill('SIGKILL');
    await new Promise((resolve) => child?.once('exit', resolve));

    const completed = new Map<string, number>();
    q.worker(
      async (job) => {
        completed.set(job.id, job.deliveryCount);
        return job.data;
      },
      { concurrency: 3 },
    );
    await eventually(() => (completed.size === 3 ? true : undefined), 45_000);
    expect([...completed.keys()].sort()).toEqual(jobs.map((j) => j.id).sort());
    // Each was delivered once to the killed child, then again after its lock lapsed.
    expect([...completed.values()]).toEqual([2, 2, 2]);
    const counts = await q.queue.getCounts();
    expect(counts.dead).toBe(0);
  });
});
