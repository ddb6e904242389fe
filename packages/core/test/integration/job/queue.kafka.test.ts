import { testBrokers, uniqueName } from '@sharq/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { KafkaEngine } from '../../../src/kafka/engine.js';
import { Queue } from '../../../src/index.js';

describe('Queue on Kafka', () => {
  const engine = new KafkaEngine({ brokers: testBrokers(), clientId: 'sharq-job-kafka' });
  afterAll(async () => {
    await engine.close();
  });

  it('adds large payloads in batches the broker accepts (max.message.bytes)', async () => {
    const queue = new Queue<string>(uniqueName('qk-big'), { connection: engine });
    const big = 'x'.repeat(20_000);
    const jobs = await queue.addBulk(Array.from({ length: 200 }, () => ({ name: 'n', data: big })));
    expect(jobs).toHaveLength(200);
    expect(queue.produceCalls).toBeGreaterThanOrEqual(6);
    expect((await queue.getCounts()).waiting).toBe(200);
    await queue.close();
  });

  it('coalesces concurrent adds into few produce calls', async () => {
    const queue = new Queue<number>(uniqueName('qk-coalesce'), { connection: engine });
    await queue.waitUntilReady();
    await Promise.all(Array.from({ length: 2_000 }, (_, i) => queue.add('n', i)));
    expect(queue.produceCalls).toBeLessThanOrEqual(10);
    expect((await queue.getCounts()).waiting).toBe(2_000);
    await queue.close();
  });

  it('shares one engine between queues with equal connection options and closes it with the last', async () => {
    const connection = { brokers: testBrokers(), clientId: 'sharq-job-shared' };
    const a = new Queue<number>(uniqueName('qk-a'), { connection });
    const b = new Queue<number>(uniqueName('qk-b'), { connection: { ...connection } });
    expect(a.engine).toBe(b.engine);
    await a.add('n', 1);
    await a.close();
    await b.add('n', 2);
    await b.close();
    await expect(b.engine.partitionCount(b.topology.topic)).rejects.toMatchObject({ code: 'CLOSED' });
  });
});
