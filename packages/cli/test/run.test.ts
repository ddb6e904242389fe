import { describe, expect, it } from 'vitest';
import { runCli } from '../src/run.js';
import { captureOutput } from './capture-output.js';

describe('runCli', () => {
  it('rejects bad flag values with exit code 2 and a message naming the flag', async () => {
    const output = captureOutput();
    const code = await runCli(['demo', '--jobs', 'many'], output);
    expect(code).toBe(2);
    expect(output.stderr.join('\n')).toMatch(/VALIDATION.*--jobs/);
  });

  it('asks for a broker instead of guessing when none is configured', async () => {
    const output = captureOutput();
    const previous = process.env.SHARQ_BROKERS;
    delete process.env.SHARQ_BROKERS;
    const code = await runCli(['status', 'q1'], { ...output }).finally(() => {
      if (previous !== undefined) process.env.SHARQ_BROKERS = previous;
    });
    // Either no detached broker (usage error) or one is running locally (then status works).
    if (code !== 0) {
      expect(code).toBe(2);
      expect(output.stderr.join('\n')).toMatch(/no Kafka broker/);
    }
  });

  it('runs the demo on the embedded engine: successes, retries and dead letters add up', async () => {
    const output = captureOutput();
    const code = await runCli(['demo', '--jobs', '200', '--workers', '2', '--concurrency', '10'], output);
    expect(code).toBe(0);
    const text = output.stdout.join('\n');
    // 200 jobs: every 50th at offsets 7/13 die (4 + 4), every 10th at 3 is flaky (20 - 4 invalid-input = 16).
    const lines = text.split('\n');
    const summary = lines[lines.findIndex((line) => line.startsWith('added')) + 1] ?? '';
    expect(summary.split(/\s+/).slice(0, 4)).toEqual(['200', '192', '24', '8']);
    expect(text).toMatch(/dead-letter queue \(8 jobs/);
    expect(text).toMatch(/unrecoverable|failed/);
  });
});
