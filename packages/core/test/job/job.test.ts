import { describe, expect, it } from 'vitest';
import { Job, type JobEnvelope, type JobProgress } from '../../src/index.js';

const envelope: JobEnvelope = {
  v: 1,
  id: 'j',
  name: 'n',
  data: { a: 1 },
  opts: { attempts: 4 },
  attemptsMade: 2,
  ts: 123,
};

describe('Job', () => {
  it('attempt = envelope.attemptsMade + deliveryCount; attemptsMade = attempt − 1', () => {
    const first = new Job<{ a: number }>({ envelope, queue: 'q', deliveryCount: 1, processedOn: 5 });
    expect([first.attempt, first.attemptsMade, first.isFinalAttempt]).toEqual([3, 2, false]);
    const redelivered = new Job({ envelope, queue: 'q', deliveryCount: 2 });
    expect([redelivered.attempt, redelivered.attemptsMade, redelivered.isFinalAttempt]).toEqual([4, 3, true]);
    // Not delivered (the Job add() returns): the attempt it will start with.
    const added = new Job({ envelope: { ...envelope, attemptsMade: 0 }, queue: 'q' });
    expect([added.attempt, added.attemptsMade, added.deliveryCount]).toEqual([1, 0, 0]);
    expect(first).toMatchObject({
      id: 'j',
      name: 'n',
      data: { a: 1 },
      timestamp: 123,
      processedOn: 5,
      queueName: 'q',
    });
  });

  it('updateProgress and log go through the hooks', async () => {
    const progress: JobProgress[] = [];
    const lines: string[] = [];
    const job = new Job(
      { envelope, queue: 'q', deliveryCount: 1 },
      { onProgress: (_, p) => void progress.push(p), onLog: async (_, line) => void lines.push(line) },
    );
    await job.updateProgress(40);
    await job.updateProgress({ step: 'b' });
    await job.log('hello');
    expect(progress).toEqual([40, { step: 'b' }]);
    expect(job.progress).toEqual({ step: 'b' });
    expect(lines).toEqual(['hello']);
    expect(job.logs).toEqual(['hello']);
  });

  it('waitUntilFinished asks the given waiter for this job id', async () => {
    const job = new Job<unknown, number>({ envelope, queue: 'q' });
    await expect(
      job.waitUntilFinished({ waitUntilFinished: async (id, ttl) => `${id}:${ttl}` }, 9),
    ).resolves.toBe('j:9');
  });
});
