/**
 * `sharq dashboard` end to end as a process: it prints where it serves, answers, and closes
 * cleanly on SIGTERM (the signal handling lives in the CLI, not in the library).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { testBrokers } from '@sharq/testkit';
import { describe, expect, it } from 'vitest';
import { call } from './http-client.js';
import { until } from './scenario.js';

const SHARQ = fileURLToPath(new URL('../../../cli/dist/bin/sharq.js', import.meta.url));

describe('sharq dashboard', () => {
  it('serves the page and API, signs in with the printed link, and exits 0 on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [SHARQ, 'dashboard', '--brokers', testBrokers().join(','), '--queues', 'some-queue', '--port', '0'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const link = await until(() => /open \(signs you in\): (\S+)/.exec(out)?.[1], 30_000, 'the login link');
      const url = new URL(link);
      const token = decodeURIComponent(url.hash.replace(/^#token=/, ''));
      const page = await call(url.origin, '/');
      expect(page.status).toBe(200);
      expect(page.text).toContain('<script type="module" src="/app.js">');
      expect((await call(url.origin, '/api/queues')).status).toBe(401);
      const listed = await call(url.origin, '/api/queues', { headers: { authorization: `Bearer ${token}` } });
      expect(listed.status).toBe(200);
      expect((listed.json as { queues: { name: string }[] }).queues.map((q) => q.name)).toEqual([
        'some-queue',
      ]);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(out).toMatch(/SIGTERM: closing the dashboard/);
  });
});
