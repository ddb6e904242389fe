import { describe, expect, it } from 'vitest';
import { EmbeddedEngine, ManualClock } from '../../src/embedded/index.js';

describe('EmbeddedEngine', () => {
  it('rejects bad options and specs with a ValidationError naming the path', async () => {
    expect(() => new EmbeddedEngine({ defaults: { lockDurationMs: -1 } })).toThrow(
      expect.objectContaining({ code: 'VALIDATION', path: 'defaults.lockDurationMs' }),
    );
    const engine = new EmbeddedEngine();
    await expect(engine.ensureTopic({ name: '', partitions: 1 })).rejects.toMatchObject({ path: 'name' });
    await expect(engine.ensureTopic({ name: 't', partitions: 0 })).rejects.toMatchObject({
      path: 'partitions',
    });
    await expect(engine.configureShareGroup('g', { lockDurationMs: 10 })).rejects.toMatchObject({
      code: 'VALIDATION',
      path: 'lockDurationMs',
    });
    await expect(engine.configureShareGroup('g', { deadLetterTopic: 'nodlqprefix' })).rejects.toMatchObject({
      path: 'deadLetterTopic',
    });
    await engine.close();
  });

  it('fails like the broker on unknown topics and partitions, writing nothing of a bad batch', async () => {
    const engine = new EmbeddedEngine();
    await expect(engine.produce('missing', [{ value: 'x' }])).rejects.toMatchObject({
      code: 'UNKNOWN_TOPIC_OR_PARTITION',
    });
    await expect(engine.readTopic('missing')).rejects.toMatchObject({ code: 'UNKNOWN_TOPIC_OR_PARTITION' });
    await engine.ensureTopic({ name: 't', partitions: 2 });
    await expect(
      engine.produce('t', [{ value: 'ok' }, { value: 'bad', partition: 2 }]),
    ).rejects.toMatchObject({
      code: 'UNKNOWN_TOPIC_OR_PARTITION',
    });
    expect(await engine.readTopic('t')).toEqual([]);
    await engine.close();
  });

  it('spreads unkeyed records round-robin and keeps keyed ones on the murmur2 partition', async () => {
    const engine = new EmbeddedEngine();
    await engine.ensureTopic({ name: 't', partitions: 7 });
    const unkeyed = await engine.produce(
      't',
      Array.from({ length: 7 }, () => ({ value: 'v' })),
    );
    expect(unkeyed.map((r) => r.partition).sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const [keyed] = await engine.produce('t', [{ key: 'foobar', value: 'v' }]);
    expect(keyed?.partition).toBe(0);
    await engine.close();
  });

  it('stamps records with the clock time unless given one', async () => {
    const clock = new ManualClock(5000);
    const engine = new EmbeddedEngine({ clock });
    await engine.ensureTopic({ name: 't', partitions: 1 });
    await engine.produce('t', [{ value: 'a' }, { value: 'b', timestamp: 42 }]);
    expect((await engine.readTopic('t')).map((r) => r.timestamp)).toEqual([5000, 42]);
    await engine.close();
  });

  it('closes idempotently, stops its timers and refuses further use', async () => {
    const clock = new ManualClock();
    const engine = new EmbeddedEngine({ clock });
    await engine.ensureTopic({ name: 't', partitions: 1 });
    await engine.configureShareGroup('g', { autoOffsetReset: 'earliest' });
    await engine.produce('t', [{ value: 'a' }]);
    const consumer = engine.createShareConsumer({ groupId: 'g', topics: ['t'] });
    await consumer.poll(1, { maxWaitMs: 0 });
    engine.runGroupConsumer({
      groupId: 'cg',
      topics: ['t'],
      onRecord: async () => ({ kind: 'retryAt', at: 1e15 }),
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(clock.pendingTimers()).toBeGreaterThan(0);
    await engine.close();
    await engine.close();
    expect(clock.pendingTimers()).toBe(0);
    await expect(engine.produce('t', [{ value: 'b' }])).rejects.toMatchObject({ code: 'CLOSED' });
    expect(() => engine.createShareConsumer({ groupId: 'g', topics: ['t'] })).toThrow(/closed/);
  });

  it('reports an unknown share group as Dead with no members', async () => {
    const engine = new EmbeddedEngine();
    expect(await engine.describeShareGroup('nobody')).toEqual({
      groupId: 'nobody',
      state: 'Dead',
      members: [],
    });
    await engine.close();
  });

  it('rejects poll sizes below 1', async () => {
    const engine = new EmbeddedEngine();
    const consumer = engine.createShareConsumer({ groupId: 'g', topics: ['t'] });
    await expect(consumer.poll(0)).rejects.toMatchObject({ code: 'VALIDATION' });
    await engine.close();
  });
});
