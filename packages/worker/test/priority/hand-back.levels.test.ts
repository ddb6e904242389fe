import { decodeEnvelope, EmbeddedEngine, priorityTopic, Queue } from '@sharq/core';
import { uniqueName } from '@sharq/testkit';
import { describe, expect, it } from 'vitest';
import { createQueueConsumer } from '../../src/priority/queue-consumer.js';
import { handBackUnstarted } from '../../src/runtime/hand-back.js';
import type { RuntimeContext } from '../../src/runtime/runtime-context.js';

describe('hand-back with priority levels', () => {
  it('each unstarted copy goes back to its own level topic (close, pause)', async () => {
    const engine = new EmbeddedEngine();
    const queue = new Queue(uniqueName('hbl'), { connection: engine, priorities: 2 });
    await queue.add('high', {}, { priority: 1 });
    await queue.add('low', {});
    const consumer = createQueueConsumer(engine, queue.topology, { workerId: 'w', priorities: 2 });
    const held = await consumer.poll(10, { maxWaitMs: 1_000 });
    expect(held.map((r) => r.topic).sort()).toEqual(
      [priorityTopic(queue.topology, 1), queue.topology.topic].sort(),
    );
    const errors: unknown[] = [];
    const ctx = {
      topology: queue.topology,
      engine,
      consumer,
      emit: (event: string, error: unknown) => {
        if (event === 'error') errors.push(error);
        return true;
      },
    } as unknown as RuntimeContext<unknown, unknown>;
    await handBackUnstarted(ctx, held);
    expect(errors).toEqual([]);
    const names = async (topic: string) =>
      (await engine.readTopic(topic)).flatMap((r) => {
        const d = decodeEnvelope(r);
        return d.ok ? [d.envelope.name] : [];
      });
    // Original + its copy on each level; nothing crossed levels.
    expect(await names(priorityTopic(queue.topology, 1))).toEqual(['high', 'high']);
    expect(await names(queue.topology.topic)).toEqual(['low', 'low']);
    await consumer.close();
    await queue.close();
    await engine.close();
  });
});
