/**
 * `sharq worker --metrics-port` and `sharq dashboard --metrics-port` as a user runs them: 2 worker
 * processes serve their own metrics on port and port + 1 (their completed counters add up to the jobs
 * added); the dashboard's scrape port shows the queue, drained, without a token.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testBrokers, uniqueName } from '@sharq/testkit';
import { describe, expect, it } from 'vitest';
import { runSharq, startSharq } from './run-sharq.js';

const PROCESSOR = fileURLToPath(new URL('./fixtures/ledger-processor.mjs', import.meta.url));

/** Two consecutive free ports (the worker processes take port and port + 1). */
async function freePortPair(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const { port: p } = server.address() as { port: number };
        server.close(() => resolve(p));
      });
    });
    const next = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port + 1, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (next && port < 65_535) return port;
  }
}

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const sample = (text: string, name: string, queue: string, extra = '') => {
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${name}{`) && l.includes(`queue="${queue}"`) && l.includes(extra));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
};

describe('sharq --metrics-port on Kafka', () => {
  it('serves each worker process its metrics and the dashboard a token-free scrape port', async () => {
    const brokers = testBrokers().join(',');
    const queue = uniqueName('cli-metrics');
    const dir = mkdtempSync(join(tmpdir(), 'sharq-cli-'));
    const jobs = join(dir, 'jobs.ndjson');
    const total = 40;
    writeFileSync(jobs, Array.from({ length: total }, (_, n) => JSON.stringify({ data: { n } })).join('\n'));
    expect((await runSharq(['add', queue, 'work', '--file', jobs, '--brokers', brokers])).code).toBe(0);

    const port = await freePortPair();
    const env = { SHARQ_TEST_LEDGER: join(dir, 'ledger') };
    const worker = startSharq(
      [
        'worker',
        PROCESSOR,
        '--queue',
        queue,
        '--processes',
        '2',
        '--concurrency',
        '4',
        '--brokers',
        brokers,
        '--metrics-port',
        String(port),
      ],
      env,
    );
    const dashboardPort = await freePortPair();
    const dashboard = startSharq([
      'dashboard',
      '--brokers',
      brokers,
      '--queues',
      queue,
      '--token',
      'cli-metrics-token',
      '--metrics-port',
      String(dashboardPort),
    ]);
    try {
      const completed = await until(
        async () => {
          const texts = await Promise.all(
            [port, port + 1].map(async (p) => (await fetch(`http://127.0.0.1:${p}/metrics`)).text()),
          );
          const counts = texts.map(
            (t) => sample(t, 'sharq_worker_jobs_total', queue, 'outcome="completed"') ?? 0,
          );
          const sum = counts.reduce((a, b) => a + b, 0);
          return sum === total ? counts : undefined;
        },
        90_000,
        `${total} completions across both metrics ports`,
      );
      expect(completed).toHaveLength(2);
      expect(worker.output()).toMatch(new RegExp(`metrics on http://127\\.0\\.0\\.1:${port + 1}/metrics`));

      const scraped = await until(
        async () => {
          const res = await fetch(`http://127.0.0.1:${dashboardPort}/metrics`);
          const text = await res.text();
          return res.status === 200 && sample(text, 'sharq_queue_waiting', queue) === 0 ? text : undefined;
        },
        60_000,
        'the dashboard scrape port with the queue drained',
      );
      expect(sample(scraped, 'sharq_queue_workers', queue)).toBe(2);
      expect(dashboard.output()).toContain(
        `Prometheus metrics (no token) on http://127.0.0.1:${dashboardPort}/metrics`,
      );
    } finally {
      const exits = [worker, dashboard].map(
        (p) =>
          new Promise<void>((resolve) =>
            p.child.exitCode !== null ? resolve() : p.child.once('exit', () => resolve()),
          ),
      );
      worker.child.kill('SIGTERM');
      dashboard.child.kill('SIGTERM');
      await Promise.all(exits);
    }
  });
});
