import { KafkaEngine, queueTopology } from '@sharq/core';
import { afterEach, describe, expect, it } from 'vitest';
import { partitionSharers } from '../../src/runtime/partition-sharers.js';
import { eventually, kafkaQueue } from '../helpers/kafka.js';

let current: ReturnType<typeof kafkaQueue> | undefined;
const engines: KafkaEngine[] = [];
afterEach(async () => {
  await current?.close();
  current = undefined;
  for (const engine of engines.splice(0)) await engine.close();
});

describe('Worker on Kafka: members sharing a partition', () => {
  it('ShareGroupDescribe names each consumer by the member id it has, on the queue topic: 3 members, 3 sharers', async () => {
    const q = kafkaQueue({ partitions: 1 });
    current = q;
    await q.queue.waitUntilReady();
    const topology = queueTopology(q.name);
    const engine = new KafkaEngine(q.connection);
    engines.push(engine);
    const consumers = [0, 1, 2].map((i) =>
      engine.createShareConsumer({ groupId: topology.group, topics: [topology.topic], clientId: `m${i}` }),
    );
    // Polling joins the group; the assignment reaches every member within a few heartbeats.
    const sharers = await eventually(async () => {
      await Promise.all(consumers.map((c) => c.poll(1, { maxWaitMs: 200 })));
      const description = await engine.describeShareGroup(topology.group);
      const counts = consumers.map((c) => partitionSharers(description, c.memberId, topology.topic));
      return counts.every((n) => n === 3) ? counts : undefined;
    }, 30_000);
    expect(sharers).toEqual([3, 3, 3]);
    await Promise.all(consumers.map((c) => c.close()));
  }, 60_000);

  it('waitUntilReady() joins the share group: the worker is an assigned member before run(), which then starts the waiting job', async () => {
    const q = kafkaQueue({ partitions: 2 });
    current = q;
    await q.queue.add('j', { n: 1 });
    const worker = q.worker(async () => 'done', { autorun: false });
    await worker.waitUntilReady();
    const engine = new KafkaEngine(q.connection);
    engines.push(engine);
    const topology = queueTopology(q.name);
    const description = await engine.describeShareGroup(topology.group);
    expect(description.members).toHaveLength(1);
    const assigned = description.members[0]?.assignment.find((a) => a.topic === topology.topic);
    expect(assigned?.partitions.sort()).toEqual([0, 1]);
    const completed = new Promise((resolve) => worker.once('completed', resolve));
    void worker.run();
    await completed;
  }, 60_000);
});
