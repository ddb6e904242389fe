import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { testRedisUrl } from '@sharq/testkit';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually, kafkaQueue, sleep } from '../helpers/kafka.js';
import { onLines } from '../helpers/child-lines.js';

// 4 worker PROCESSES share one Redis limit of 50 jobs/s: together they must start 50 ± 10 % jobs/s.

const packageDir = fileURLToPath(new URL('../..', import.meta.url));
const childScript = fileURLToPath(new URL('./limiter-fixtures/rate-child.mjs', import.meta.url));
const PROCESSES = 4;
const MAX = 50;
const WARM_UP_MS = 3_000;
const WINDOW_MS = 20_000;

let current: ReturnType<typeof kafkaQueue> | undefined;
const children: ChildProcess[] = [];
afterEach(async () => {
  await Promise.all(
    children.splice(0).map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const kill = setTimeout(() => child.kill('SIGKILL'), 3_000);
          child.once('exit', () => {
            clearTimeout(kill);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  await current?.close();
  current = undefined;
});

beforeAll(() => {
  if (!existsSync(`${packageDir}/dist/index.js`)) {
    execFileSync('npx', ['tsc', '-p', `${packageDir}/tsconfig.json`], { stdio: 'inherit' });
  }
});

describe('limiter: one limit shared by every worker process', () => {
  it(`${PROCESSES} processes limited to ${MAX} jobs/s together start ${MAX} ± 10 % jobs/s over 20 s`, async () => {
    const q = kafkaQueue({ partitions: 2 });
    current = q;
    const total = MAX * 36;
    for (let i = 0; i < total; i += 500) {
      await q.queue.addBulk(
        Array.from({ length: Math.min(500, total - i) }, (_, n) => ({ name: 'limited', data: { n: i + n } })),
      );
    }
    const starts: number[][] = [];
    let ready = 0;
    for (let p = 0; p < PROCESSES; p++) {
      const mine: number[] = [];
      starts.push(mine);
      const child = spawn(
        process.execPath,
        [
          childScript,
          q.name,
          q.connection.brokers.join(','),
          testRedisUrl(),
          String(MAX),
          '1000',
          '8',
          String(q.group.lockDurationMs),
          String(q.group.partitions),
        ],
        { cwd: packageDir, stdio: ['ignore', 'pipe', 'inherit'] },
      );
      children.push(child);
      onLines(child.stdout, (line) => {
        if (line === 'ready') ready += 1;
        else if (line.startsWith('start ')) mine.push(Number(line.slice(6)));
      });
    }
    // Warm-up: every process connected and starting jobs, then a few seconds more (the initial burst passes).
    await eventually(
      () => (ready === PROCESSES && starts.every((s) => s.length > 0) ? true : undefined),
      60_000,
    );
    const from = Date.now() + WARM_UP_MS;
    const to = from + WINDOW_MS;
    await sleep(to - Date.now() + 500);

    const inWindow = starts.map((s) => s.filter((t) => t >= from && t < to).length);
    const rate = inWindow.reduce((a, b) => a + b, 0) / (WINDOW_MS / 1_000);
    const perSecond = Array.from(
      { length: WINDOW_MS / 1_000 },
      (_, i) => starts.flat().filter((t) => t >= from + i * 1_000 && t < from + (i + 1) * 1_000).length,
    );
    console.log(
      `limiter rate: ${rate.toFixed(2)} jobs/s over ${WINDOW_MS / 1_000} s; per process ${inWindow.join('/')}; per second ${perSecond.join(' ')}`,
    );
    expect(rate).toBeGreaterThanOrEqual(MAX * 0.9);
    expect(rate).toBeLessThanOrEqual(MAX * 1.1);
    // The limit is shared, not per process: more than one process did real work in the window.
    expect(inWindow.filter((n) => n > 0).length).toBeGreaterThan(1);
  });
});
