import { describe, expect, it } from 'vitest';
import { eventually, kafkaQueue } from '../helpers/kafka.js';

// Kafka 4.2 has no group-level delivery limit: the broker's (5 by default) applies to every group. A job
// with more attempts than that, retried in place (no backoff), must still get every attempt and then be
// dead-lettered by the worker, never archived by the broker (4.2 has no broker-side DLQ to catch it).
describe('attempts above the broker delivery limit', () => {
  it('a job with attempts 7 and no backoff is tried 7 times, then dead-lettered by the worker', async () => {
    const q = kafkaQueue();
    try {
      await q.queue.add('flaky', { n: 1 }, { attempts: 7 });
      const attempts: number[] = [];
      q.worker(async (job) => {
        attempts.push(job.attempt);
        throw new Error(`failure #${job.attempt}`);
      });
      const dead = await eventually(async () => {
        const records = await q.queue.engine.readTopic(q.queue.topology.dlqTopic);
        return records.length > 0 ? records : undefined;
      }, 60_000);
      expect(attempts).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(dead).toHaveLength(1);
      expect(dead[0]?.headers['sharq-dlq-by']?.toString()).toBe('worker');
    } finally {
      await q.close();
    }
  });
});
