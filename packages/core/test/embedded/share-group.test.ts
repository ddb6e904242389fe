import { describe, expect, it } from 'vitest';
import { EmbeddedEngine, ManualClock } from '../../src/embedded/index.js';
import { BROKER_DLQ_HEADERS, BROKER_DLQ_REASONS } from '../../src/share/admin/broker-dlq.js';

async function setup(config: Parameters<EmbeddedEngine['configureShareGroup']>[1] = {}, partitions = 1) {
  const clock = new ManualClock();
  const engine = new EmbeddedEngine({
    clock,
    defaults: { heartbeatIntervalMs: 1000, sessionTimeoutMs: 10_000 },
  });
  await engine.ensureTopic({ name: 't', partitions });
  await engine.configureShareGroup('g', { autoOffsetReset: 'earliest', lockDurationMs: 5000, ...config });
  return { clock, engine };
}

const values = (records: { value: Buffer | null }[]) => records.map((r) => r.value?.toString());

describe('embedded share group (fake clock)', () => {
  it('returns records whose lock lapsed once the clock passes the lock duration', async () => {
    const { clock, engine } = await setup();
    await engine.produce('t', [{ value: 'a' }]);
    const a = engine.createShareConsumer({ groupId: 'g', topics: ['t'] });
    const b = engine.createShareConsumer({ groupId: 'g', topics: ['t'] });
    const [held] = await a.poll(1, { maxWaitMs: 0 });
    expect(held?.lockExpiresAt).toBe(clock.now() + 5000);
    clock.advance(4999);
    expect(await b.poll(1, { maxWaitMs: 0 })).toEqual([]);
    clock.advance(1);
    const [again] = await b.poll(1, { maxWaitMs: 0 });
    expect([again?.offset, again?.deliveryCount]).toEqual([0, 2]);
    await expect(a.acknowledge(held!, 'accept')).rejects.toMatchObject({ code: 'INVALID_RECORD_STATE' });
    await engine.close();
  });

  it('wakes a waiting poll on produce, and on a lock expiry, without waiting out maxWaitMs', async () => {
    const { clock, engine } = await setup();
    const a = engine.createShareConsumer({ groupId: 'g', topics: ['t'] });
    const waiting = a.poll(10, { maxWaitMs: 60_000 });
    await engine.produce('t', [{ value: 'x' }]);
    expect(values(await waiting)).toEqual(['x']);
    const b = engine.createShareConsumer({ groupId: 'g', topics: ['t'] });
    const bWaiting = b.poll(10, { maxWaitMs: 60_000 });
    await clock.tick(5000);
    const redelivered = await bWaiting;
    expect(redelivered.map((r) => r.deliveryCount)).toEqual([2]);
    await engine.close();
  });

  it('resolves a poll with [] after maxWaitMs, on abort, and on close', async () => {
    const { clock, engine } = await setup();
    const a = engine.createShareConsumer({ groupId: 'g', topics: ['t'] });
    const timedOut = a.poll(10, { maxWaitMs: 1000 });
    await clock.tick(1000);
    expect(await timedOut).toEqual([]);
    const controller = new AbortController();
    const aborted = a.poll(10, { maxWaitMs: 60_000, signal: controller.signal });
    controller.abort();
    expect(await aborted).toEqual([]);
    const closing = a.poll(10, { maxWaitMs: 60_000 });
    await a.close();
    expect(await closing).toEqual([]);
    await expect(a.poll(1)).rejects.toMatchObject({ code: 'CLOSED' });
    await engine.close();
  });

  it('archives at the delivery limit on lock expiry and writes the broker DLQ record', async () => {
    const { clock, engine } = await setup({ deliveryCountLimit: 2, deadLetterTopic: 'dlq.t' });
    await engine.produce('t', [{ key: 'k', value: 'poison', headers: { h: 'x' } }]);
    const a = engine.createShareConsumer({ groupId: 'g', topics: ['t'] });
    expect((await a.poll(1, { maxWaitMs: 0 }))[0]?.deliveryCount).toBe(1);
    clock.advance(5000);
    expect((await a.poll(1, { maxWaitMs: 0 }))[0]?.deliveryCount).toBe(2);
    clock.advance(5000);
    expect(await a.poll(1, { maxWaitMs: 0 })).toEqual([]);
    const [dead] = await engine.readTopic('dlq.t');
    expect(dead).toMatchObject({ key: null, value: null, timestamp: clock.now() });
    expect(dead?.headers[BROKER_DLQ_HEADERS.message]?.toString()).toBe(
      BROKER_DLQ_REASONS.deliveryCountExceeded,
    );
    expect(dead?.headers[BROKER_DLQ_HEADERS.deliveryCount]?.toString()).toBe('2');
    expect(Object.keys(dead?.headers ?? {}).sort()).toEqual(Object.values(BROKER_DLQ_HEADERS).sort());
    expect(await engine.describeShareGroupOffsets('g', ['t'])).toEqual([
      { topic: 't', partition: 0, startOffset: 1, endOffset: 1, lag: 0 },
    ]);
    await engine.close();
  });

  it('writes nothing to a DLQ when the group has none configured', async () => {
    const { engine } = await setup({ deliveryCountLimit: 2 });
    await engine.produce('t', [{ value: 'v' }]);
    const a = engine.createShareConsumer({ groupId: 'g', topics: ['t'] });
    const [record] = await a.poll(1, { maxWaitMs: 0 });
    await a.acknowledge(record!, 'reject');
    expect(await engine.partitionCount('dlq.t')).toBeUndefined();
    await engine.close();
  });

  it('like the broker, writes nothing to a pre-created DLQ topic lacking errors.deadletterqueue.group.enable', async () => {
    const { engine } = await setup({ deadLetterTopic: 'dlq.plain' });
    await engine.ensureTopic({ name: 'dlq.plain', partitions: 1 });
    await engine.ensureTopic({
      name: 'dlq.enabled',
      partitions: 1,
      configs: { 'errors.deadletterqueue.group.enable': 'true' },
    });
    await engine.produce('t', [{ value: 'a' }, { value: 'b' }]);
    const c = engine.createShareConsumer({ groupId: 'g', topics: ['t'] });
    const [a, b] = await c.poll(2, { maxWaitMs: 0 });
    await c.acknowledge(a!, 'reject');
    await engine.configureShareGroup('g', { deadLetterTopic: 'dlq.enabled' });
    await c.acknowledge(b!, 'reject');
    expect(await engine.readTopic('dlq.plain')).toEqual([]);
    expect(
      (await engine.readTopic('dlq.enabled')).map((r) => r.headers['__dlq.errors.offset']?.toString()),
    ).toEqual(['1']);
    await engine.close();
  });

  it('removes a member that neither polls nor acknowledges for a session timeout; its records return at lock expiry', async () => {
    const { clock, engine } = await setup({ lockDurationMs: 30_000 });
    await engine.produce('t', [{ value: 'a' }]);
    const idle = engine.createShareConsumer({ groupId: 'g', topics: ['t'] });
    await idle.poll(1, { maxWaitMs: 0 });
    clock.advance(11_000);
    const d = await engine.describeShareGroup('g');
    expect(d.members.map((m) => m.memberId)).not.toContain(idle.memberId);
    const other = engine.createShareConsumer({ groupId: 'g', topics: ['t'] });
    expect(await other.poll(1, { maxWaitMs: 0 })).toEqual([]);
    clock.advance(19_000);
    expect((await other.poll(1, { maxWaitMs: 0 }))[0]?.deliveryCount).toBe(2);
    await engine.close();
  });

  it('keeps a member inside a long poll in the group', async () => {
    const { clock, engine } = await setup();
    const a = engine.createShareConsumer({ groupId: 'g', topics: ['t'] });
    const waiting = a.poll(1, { maxWaitMs: 30_000 });
    await clock.tick(20_000);
    expect((await engine.describeShareGroup('g')).members.map((m) => m.memberId)).toEqual([a.memberId]);
    await clock.tick(10_000);
    expect(await waiting).toEqual([]);
    await engine.close();
  });

  it('starts a new group at the log end with autoOffsetReset latest (Kafka’s default)', async () => {
    const clock = new ManualClock();
    const engine = new EmbeddedEngine({ clock });
    await engine.ensureTopic({ name: 't', partitions: 1 });
    await engine.produce('t', [{ value: 'before' }]);
    expect(await engine.describeShareGroupOffsets('g', ['t'])).toEqual([
      { topic: 't', partition: 0, startOffset: 1, endOffset: 1, lag: 0 },
    ]);
    const a = engine.createShareConsumer({ groupId: 'g', topics: ['t'] });
    await engine.produce('t', [{ value: 'after' }]);
    expect(values(await a.poll(10, { maxWaitMs: 0 }))).toEqual(['after']);
    await engine.close();
  });

  it('with latest, a topic created after the member joined is read from its first record', async () => {
    const engine = new EmbeddedEngine({ clock: new ManualClock() });
    const a = engine.createShareConsumer({ groupId: 'g', topics: ['later'] });
    await engine.ensureTopic({ name: 'later', partitions: 1 });
    await engine.produce('later', [{ value: 'first' }]);
    expect(values(await a.poll(10, { maxWaitMs: 0 }))).toEqual(['first']);
    await engine.close();
  });

  it('rotates fairly across partitions', async () => {
    const { engine } = await setup({}, 3);
    for (let p = 0; p < 3; p++) {
      await engine.produce(
        't',
        Array.from({ length: 5 }, (_, i) => ({ value: `p${p}-${i}`, partition: p })),
      );
    }
    const a = engine.createShareConsumer({ groupId: 'g', topics: ['t'] });
    const firsts: number[] = [];
    for (let i = 0; i < 3; i++) firsts.push((await a.poll(2, { maxWaitMs: 0 }))[0]!.partition);
    expect(firsts.sort()).toEqual([0, 1, 2]);
    await engine.close();
  });

  it('releases held records on consumer close with the attempt counting, archiving at the limit', async () => {
    const { engine } = await setup({
      deliveryCountLimit: 2,
      deadLetterTopic: 'dlq.t',
      deadLetterCopyRecord: true,
    });
    await engine.produce('t', [{ value: 'v' }]);
    const a = engine.createShareConsumer({ groupId: 'g', topics: ['t'] });
    await a.poll(1, { maxWaitMs: 0 });
    await a.close();
    const b = engine.createShareConsumer({ groupId: 'g', topics: ['t'] });
    expect((await b.poll(1, { maxWaitMs: 0 }))[0]?.deliveryCount).toBe(2);
    await b.close();
    const dead = await engine.readTopic('dlq.t');
    expect(values(dead)).toEqual(['v']);
    await engine.close();
  });
});
