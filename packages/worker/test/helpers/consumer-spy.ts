import type { ShareConsumer } from '@sharq/core';

/**
 * Wraps a share consumer to record every poll's maxRecords (and whether it took whole batches), how many records it holds unsettled (acquired,
 * not yet accepted/released/rejected) with the peak, and how many it released.
 */
export function spyConsumer(consumer: ShareConsumer) {
  const stats = {
    polls: [] as number[],
    /** Polls that let the engine acquire whole batches (PollOptions.acquire 'batches'). */
    batchPolls: 0,
    held: 0,
    maxHeld: 0,
    released: 0,
  };
  const wrapped: ShareConsumer = {
    get memberId() {
      return consumer.memberId;
    },
    async poll(max, options) {
      stats.polls.push(max);
      if (options?.acquire === 'batches') stats.batchPolls++;
      const records = await consumer.poll(max, options);
      stats.held += records.length;
      stats.maxHeld = Math.max(stats.maxHeld, stats.held);
      return records;
    },
    async acknowledge(ref, type) {
      const receipt = await consumer.acknowledge(ref, type);
      if (type !== 'renew') stats.held--;
      if (type === 'release') stats.released++;
      return receipt;
    },
    close: () => consumer.close(),
  };
  return { wrapped, stats };
}
