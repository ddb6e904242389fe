/**
 * `sharq schedule list|add|remove` and `sharq pause|resume` against the test broker, in-process (runCli):
 * what they print, what they store (read back through a Queue), and their exit codes.
 */
import { Queue } from '@sharq/core';
import { testBrokers, uniqueName } from '@sharq/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/run.js';
import { captureOutput } from '../capture-output.js';

const brokers = testBrokers().join(',');
const name = uniqueName('cli-sched');
let queue: Queue;

async function sharq(...args: string[]) {
  const output = captureOutput();
  const code = await runCli([...args, '--brokers', brokers], output);
  return { code, stdout: output.stdout.join('\n'), stderr: output.stderr.join('\n') };
}

beforeAll(async () => {
  queue = new Queue(name, { connection: { brokers: testBrokers() } });
  await queue.waitUntilReady();
});
afterAll(() => queue.close());

describe('sharq schedule', () => {
  it('add (cron with tz, every), list with next run, remove; bad input exits 2 and stores nothing', async () => {
    const cron = await sharq(
      'schedule',
      'add',
      name,
      'nightly',
      '--cron',
      '0 2 * * *',
      '--tz',
      'Europe/Paris',
      '--name',
      'report',
      '--data',
      '{"kind":"sales"}',
      '--attempts',
      '3',
    );
    expect(cron.code).toBe(0);
    expect(cron.stdout).toMatch(/scheduler nightly on .*cron "0 2 \* \* \*" Europe\/Paris, next run \d{4}-/);
    expect((await sharq('schedule', 'add', name, 'minutely', '--every', '60000')).code).toBe(0);

    const list = await sharq('schedule', 'list', name, '--json');
    expect(list.code).toBe(0);
    const parsed = JSON.parse(list.stdout) as {
      id: string;
      next: number;
      template: { name: string; data: unknown };
    }[];
    expect(parsed.map((s) => s.id)).toEqual(['minutely', 'nightly']);
    expect(parsed[1]?.template).toMatchObject({ name: 'report', data: { kind: 'sales' } });
    expect(parsed[0]?.next).toBeGreaterThan(Date.now());
    const table = await sharq('schedule', 'list', name);
    expect(table.stdout).toMatch(/2 scheduler\(s\)/);
    expect(table.stdout).toMatch(/nightly\s+cron "0 2 \* \* \*" Europe\/Paris\s+report/);

    expect((await sharq('schedule', 'add', name, 'bad', '--cron', 'every day')).code).toBe(2);
    expect((await sharq('schedule', 'add', name, 'bad', '--every', '0')).code).toBe(2);
    expect((await sharq('schedule', 'add', name, 'bad', '--every', '10', '--cron', '* * * * *')).code).toBe(
      2,
    );
    const unknown = await sharq('schedule', 'remove', name, 'nope');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no scheduler "nope"/);
    expect((await sharq('schedule', 'list', uniqueName('no-such-queue'))).code).toBe(2);

    expect((await sharq('schedule', 'remove', name, 'minutely')).code).toBe(0);
    expect((await queue.getJobSchedulers()).map((s) => s.id)).toEqual(['nightly']);
  });

  it('pause and resume a queue', async () => {
    expect((await sharq('pause', name)).stdout).toMatch(/paused/);
    expect(await queue.isPaused()).toBe(true);
    expect((await sharq('resume', name)).stdout).toMatch(/resumed/);
    expect(await queue.isPaused()).toBe(false);
  });
});
