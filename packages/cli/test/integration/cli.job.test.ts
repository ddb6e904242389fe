/**
 * `sharq job <queue> <id>` on the real broker: a job that failed once and then completed shows both
 * attempts with the worker and the error; a job that never started shows as waiting with its add time;
 * an unknown id exits 2.
 */
import { Queue } from '@sharq/core';
import { testBrokers, uniqueName } from '@sharq/testkit';
import { Worker } from '@sharq/worker';
import { describe, expect, it } from 'vitest';
import { runSharq } from './run-sharq.js';

describe('sharq job on Kafka', () => {
  it('prints the timeline of a worked job, a waiting job, and refuses an unknown id', async () => {
    const brokers = testBrokers();
    const name = uniqueName('cli-job');
    const queue = new Queue<{ n: number }>(name, { connection: { brokers } });
    const worker = new Worker<{ n: number }>(
      name,
      async (job) => {
        if (job.attempt === 1) throw new Error('card declined');
        return 'charged';
      },
      { connection: { brokers }, drainDelayMs: 500 },
    );
    try {
      const added = await queue.add('charge', { n: 1 }, { jobId: 'order-42', attempts: 3 });
      await new Promise<void>((resolve) => worker.on('completed', () => resolve()));
      await worker.close();
      const waiting = await queue.add('charge', { n: 2 }, { jobId: 'order-43' });

      const brokerFlag = ['--brokers', brokers.join(',')];
      // Events are published in batches: poll until the completion is in the topic.
      let json = '';
      for (let i = 0; i < 40 && !json.includes('"state":"completed"'); i++) {
        const run = await runSharq(['job', name, 'order-42', '--json', ...brokerFlag]);
        expect(run.code).toBe(0);
        json = run.stdout;
        if (!json.includes('"state":"completed"')) await new Promise((r) => setTimeout(r, 250));
      }
      const timeline = JSON.parse(json) as {
        state: string;
        name: string;
        addedAt: number;
        attempts: { attempt: number; workerId: string; outcome: string; error?: string }[];
      };
      expect(timeline).toMatchObject({ state: 'completed', name: 'charge', addedAt: added.timestamp });
      expect(timeline.attempts).toEqual([
        expect.objectContaining({
          attempt: 1,
          workerId: worker.id,
          outcome: 'failed',
          error: 'card declined',
        }),
        expect.objectContaining({ attempt: 2, workerId: worker.id, outcome: 'completed' }),
      ]);

      const text = await runSharq(['job', name, 'order-42', ...brokerFlag]);
      expect(text.stdout).toContain(`job order-42 (charge) on ${name}: completed`);
      expect(text.stdout).toMatch(/failed #1 by .* {2}card declined \(retry\)/);

      const pending = JSON.parse((await runSharq(['job', name, 'order-43', '--json', ...brokerFlag])).stdout);
      expect(pending).toMatchObject({ state: 'waiting', addedAt: waiting.timestamp, attempts: [] });

      const unknown = await runSharq(['job', name, 'nobody', ...brokerFlag]);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain(`no job nobody in ${name}`);
    } finally {
      await worker.close();
      await queue.close();
    }
  });
});
