import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testBrokers, uniqueName } from '@sharq/testkit';
import { describe, expect, it } from 'vitest';
import { maxOverlap } from '../max-overlap.js';
import { runSharq, startSharq } from './run-sharq.js';

const PROCESSOR = fileURLToPath(new URL('../fixtures/timed-processor.mjs', import.meta.url));

function ledger(path: string): { n: number; startedAt: number; endedAt: number }[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [n, startedAt, endedAt] = line.split(' ').map(Number);
      return { n: n ?? -1, startedAt: startedAt ?? 0, endedAt: endedAt ?? 0 };
    });
}

describe('sharq worker honours --concurrency (default thread isolation)', () => {
  it('200 jobs that await 100 ms, --concurrency 10: about 10 run at once, none lost', async () => {
    const brokers = testBrokers().join(',');
    const queue = uniqueName('cli-conc');
    const dir = mkdtempSync(join(tmpdir(), 'sharq-cli-'));
    const path = join(dir, 'ledger');
    const jobs = join(dir, 'jobs.ndjson');
    const total = 200;
    writeFileSync(
      jobs,
      Array.from({ length: total }, (_, n) => JSON.stringify({ data: { n, sleepMs: 100 } })).join('\n'),
    );
    expect((await runSharq(['add', queue, 'io', '--file', jobs, '--brokers', brokers])).code).toBe(0);
    const worker = startSharq(
      ['worker', PROCESSOR, '--queue', queue, '--concurrency', '10', '--brokers', brokers],
      { SHARQ_TEST_LEDGER: path },
    );
    try {
      const deadline = Date.now() + 90_000;
      while (new Set(ledger(path).map((entry) => entry.n)).size < total) {
        if (Date.now() > deadline) throw new Error(`timed out; output:\n${worker.output()}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    } finally {
      const exited = new Promise((resolve) => worker.child.once('exit', resolve));
      worker.child.kill('SIGTERM');
      await exited;
    }
    const done = ledger(path);
    expect(new Set(done.map((entry) => entry.n)).size).toBe(total);
    // Before: min(concurrency, cores) threads × 1 job each = 2 at once on a 2-core machine.
    expect(maxOverlap(done)).toBeGreaterThanOrEqual(8);
    expect(maxOverlap(done)).toBeLessThanOrEqual(10);
  }, 120_000);
});
