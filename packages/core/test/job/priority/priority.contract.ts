/**
 * Priority contract: where a prioritised job is written, on every engine. Run on the embedded engine
 * (test/job/priority/priority.contract.test.ts) and on Kafka (test/integration/job/priority/...).
 * The order jobs run in is the worker's part (packages/worker/test/priority, .../integration/priority).
 */
import { uniqueName } from '@sharq/testkit';
import { useSuiteEngine } from '@sharq/testkit/vitest';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine/engine.js';
import {
  DelayForwarder,
  decodeEnvelope,
  enqueueRetry,
  priorityTopic,
  Queue,
  QueueCounter,
  ValidationError,
} from '../../../src/index.js';

async function namesIn(engine: Engine, topic: string): Promise<string[]> {
  const records = await engine.readTopic(topic);
  return records
    .flatMap((r) => {
      const decoded = decodeEnvelope(r);
      return decoded.ok ? [decoded.envelope.name] : [];
    })
    .sort();
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function runPriorityContract(
  label: string,
  makeEngine: () => Promise<Engine> | Engine,
  settleMs = 5_000,
): void {
  describe(`Priority contract: ${label}`, { timeout: 60_000 }, () => {
    const suite = useSuiteEngine(makeEngine);
    const { track } = suite;

    it('priority p goes to level min(p, N); the lowest level (and no priority) is the queue topic itself', async () => {
      const q = track(
        new Queue<unknown>(uniqueName('pr-route'), { connection: suite.engine, priorities: 3 }),
      );
      await q.add('p1', {}, { priority: 1 });
      await q.addBulk([
        { name: 'p2', data: {}, opts: { priority: 2 } },
        { name: 'p3', data: {}, opts: { priority: 3 } },
        { name: 'p9', data: {}, opts: { priority: 9 } },
        { name: 'none', data: {} },
      ]);
      expect(await namesIn(suite.engine, priorityTopic(q.topology, 1))).toEqual(['p1']);
      expect(await namesIn(suite.engine, priorityTopic(q.topology, 2))).toEqual(['p2']);
      expect(await namesIn(suite.engine, q.topology.topic)).toEqual(['none', 'p3', 'p9']);
      expect(await suite.engine.partitionCount(priorityTopic(q.topology, 3))).toBeUndefined();
    });

    it('getCounts: waiting covers every level; byPriority splits it, highest first; a reader without the options finds the levels', async () => {
      const q = track(
        new Queue<unknown>(uniqueName('pr-counts'), { connection: suite.engine, priorities: 3 }),
      );
      await q.addBulk([
        { name: 'p1', data: {}, opts: { priority: 1 } },
        { name: 'p2a', data: {}, opts: { priority: 2 } },
        { name: 'p2b', data: {}, opts: { priority: 2 } },
        { name: 'low', data: {}, opts: { priority: 3 } },
        { name: 'none', data: {} },
        { name: 'none2', data: {} },
      ]);
      expect(await q.getCounts()).toMatchObject({ waiting: 6, active: 0 });
      expect((await q.getCounts({ byPriority: true })).waitingByPriority).toEqual([1, 2, 3]);
      // sharq status and the dashboard count a queue from its name alone.
      const reader = new QueueCounter(suite.engine, q.topology, { deadCount: async () => 0 });
      expect(await reader.counts(undefined, { byPriority: true })).toMatchObject({
        waiting: 6,
        waitingByPriority: [1, 2, 3],
      });
      const plain = track(new Queue<unknown>(uniqueName('pr-counts-off'), { connection: suite.engine }));
      await plain.add('x', {});
      expect(await plain.getCounts({ byPriority: true })).toMatchObject({
        waiting: 1,
        waitingByPriority: [1],
      });
    });

    it('a queue without priority levels refuses a priority (ValidationError, nothing enqueued) and creates no level topic', async () => {
      const q = track(new Queue<unknown>(uniqueName('pr-off'), { connection: suite.engine }));
      await expect(q.add('x', {}, { priority: 1 })).rejects.toBeInstanceOf(ValidationError);
      await expect(q.add('x', {}, { priority: 1 })).rejects.toThrow(
        /opts\.priority: the queue has no priority levels/,
      );
      await q.add('plain', {});
      expect(await namesIn(suite.engine, q.topology.topic)).toEqual(['plain']);
      expect(await suite.engine.partitionCount(priorityTopic(q.topology, 1))).toBeUndefined();
    });

    it('a delayed job and a retry with backoff come back to their level, not to the lowest', async () => {
      const q = track(
        new Queue<unknown>(uniqueName('pr-delay'), { connection: suite.engine, priorities: 2 }),
      );
      const delayed = await q.add('delayed-high', {}, { priority: 1, delay: 300 });
      await enqueueRetry(
        suite.engine,
        q.topology,
        { ...delayed.envelope, name: 'retried-high' },
        { attemptsMade: 1, delayMs: 300 },
      );
      const forwarder = new DelayForwarder(suite.engine, q.topology);
      track({ close: () => forwarder.stop() });
      forwarder.start();
      const deadline = Date.now() + settleMs * 2;
      let high: string[] = [];
      while (Date.now() < deadline) {
        high = await namesIn(suite.engine, priorityTopic(q.topology, 1));
        if (high.length >= 2) break;
        await sleep(200);
      }
      expect(high).toEqual(['delayed-high', 'retried-high']);
      expect(await namesIn(suite.engine, q.topology.topic)).toEqual([]);
    });
  });
}
