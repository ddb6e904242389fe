import { type DeliveredRecord, EmbeddedEngine, REJOIN_DRAIN_MS, SharqError } from '@sharq/core';
import { uniqueName } from '@sharq/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { OrderedConsumer } from '../../src/ordering/ordered-consumer.js';

const LOCK_MS = 1_000;
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

async function setup(partitions = 1) {
  const engine = new EmbeddedEngine();
  open.push(engine);
  const topic = uniqueName('ord');
  const groupId = `${topic}.ordered`;
  await engine.ensureTopic({ name: topic, partitions });
  const consumer = (clientId = 'c1') => {
    const c = new OrderedConsumer(engine, { groupId, topics: [topic], lockDurationMs: LOCK_MS, clientId });
    open.push(c);
    return c;
  };
  /** Produces one record per key, in order, to `partition`; values are "<key><n>". */
  const add = async (keys: string[], partition = 0) => {
    const count = new Map<string, number>();
    await engine.produce(
      topic,
      keys.map((key) => {
        const n = (count.get(key) ?? 0) + 1;
        count.set(key, n);
        return { key, value: `${key}${n}`, partition };
      }),
    );
  };
  return { engine, topic, groupId, consumer, add };
}

const values = (records: DeliveredRecord[]) => records.map((r) => r.value?.toString()).sort();

/** Two partitions with two jobs of one key each (a, b); member c1 has taken and runs each key's first job. */
async function runningOnFirstMember() {
  const { consumer, add } = await setup(2);
  const c1 = consumer('c1');
  await add(['a', 'a'], 0);
  await add(['b', 'b'], 1);
  const mine = await c1.poll(10, { maxWaitMs: 2_000 });
  expect(values(mine)).toEqual(['a1', 'b1']);
  return { consumer, c1, mine };
}

describe('OrderedConsumer (embedded engine)', () => {
  it('hands out only the head of each key; an ACCEPT makes the key’s next record ready', async () => {
    const { consumer, add } = await setup();
    const c = consumer();
    await add(['a', 'a', 'b', 'a', 'b', 'c']);
    const first = await c.poll(10, { maxWaitMs: 2_000 });
    expect(values(first)).toEqual(['a1', 'b1', 'c1']);
    // Nothing else is ready while every key's head runs.
    expect(await c.poll(10, { maxWaitMs: 50 })).toEqual([]);

    const a1 = first.find((r) => r.value?.toString() === 'a1') as DeliveredRecord;
    await c.acknowledge(a1, 'accept');
    const next = await c.poll(10, { maxWaitMs: 1_000 });
    expect(values(next)).toEqual(['a2']);
    expect(next[0]?.deliveryCount).toBe(1);
  });

  it('RELEASE retries in place: the same record again, first in its key, delivery count + 1', async () => {
    const { consumer, add } = await setup();
    const c = consumer();
    await add(['a', 'a']);
    const [a1] = await c.poll(10, { maxWaitMs: 2_000 });
    expect(a1?.value?.toString()).toBe('a1');
    await c.acknowledge(a1 as DeliveredRecord, 'release');
    const again = await c.poll(10, { maxWaitMs: 1_000 });
    expect(again.map((r) => [r.value?.toString(), r.deliveryCount])).toEqual([['a1', 2]]);
  });

  it('retryAt keeps the key blocked until its time, other keys run meanwhile', async () => {
    const { consumer, add } = await setup();
    const c = consumer();
    await add(['a', 'a', 'b']);
    const first = await c.poll(10, { maxWaitMs: 2_000 });
    const a1 = first.find((r) => r.value?.toString() === 'a1') as DeliveredRecord;
    const b1 = first.find((r) => r.value?.toString() === 'b1') as DeliveredRecord;
    const dueAt = Date.now() + 300;
    c.retryAt(a1, dueAt);
    expect(c.blockedKeys().map((k) => [k.key, k.state, k.waiting])).toEqual(
      expect.arrayContaining([
        ['a', 'retrying', 1],
        ['b', 'running', 0],
      ]),
    );
    await c.acknowledge(b1, 'accept');
    // a2 must not overtake a1 while a1 waits for its retry.
    expect(await c.poll(10, { maxWaitMs: 100 })).toEqual([]);
    const again = await c.poll(10, { maxWaitMs: 2_000 });
    expect(Date.now()).toBeGreaterThanOrEqual(dueAt);
    expect(again.map((r) => [r.value?.toString(), r.deliveryCount])).toEqual([['a1', 2]]);
    await c.acknowledge(again[0] as DeliveredRecord, 'accept');
    expect(values(await c.poll(10, { maxWaitMs: 1_000 }))).toEqual(['a2']);
  });

  it('commits up to the first record not done; a new owner gets every unfinished record', async () => {
    const { engine, consumer, add, topic, groupId } = await setup();
    const c1 = consumer('c1');
    await add(['a', 'b', 'a']);
    const first = await c1.poll(10, { maxWaitMs: 2_000 });
    const b1 = first.find((r) => r.value?.toString() === 'b1') as DeliveredRecord;
    await c1.acknowledge(b1, 'accept');
    // a1 (offset 0) is not done: nothing can be committed past it.
    const [lag] = await engine.describeGroupOffsets(groupId, [topic]);
    expect(lag?.startOffset).toBe(0);
    await c1.close();

    const c2 = consumer('c2');
    const taken = await c2.poll(10, { maxWaitMs: 3_000 });
    // a1 runs again on the new owner (b1 was done but lies after it: it is handed again too, as Kafka would).
    expect(values(taken)).toContain('a1');
    expect(values(taken)).not.toContain('a2');
  });

  it('a rebalance waits for the running jobs: the joining member starts nothing before they are done, then runs the moved partition from there', async () => {
    const { consumer, c1, mine } = await runningOnFirstMember();
    const c2 = consumer('c2');
    // c1 still runs a1 and b1: the group holds the rebalance, and c1 starts nothing new meanwhile.
    expect(await c2.poll(10, { maxWaitMs: 1_500 })).toEqual([]);
    expect(await c1.poll(10, { maxWaitMs: 50 })).toEqual([]);
    for (const record of mine) await expect(c1.acknowledge(record, 'accept')).resolves.toEqual({});
    const theirs = await c2.poll(10, { maxWaitMs: 2_000 });
    const ours = await c1.poll(10, { maxWaitMs: 2_000 });
    // Each partition's second job, once: the moved one at c2, the kept one at c1.
    expect([...values(theirs), ...values(ours)].sort()).toEqual(['a2', 'b2']);
    expect(theirs).toHaveLength(1);
  });

  it(`a job still running ${REJOIN_DRAIN_MS / 1000} s into a rebalance is given up: its acks fail as not ours, the new owner runs it`, {
    timeout: REJOIN_DRAIN_MS + 10_000,
  }, async () => {
    const { consumer, c1, mine } = await runningOnFirstMember();
    const c2 = consumer('c2');
    const theirs = await c2.poll(10, { maxWaitMs: REJOIN_DRAIN_MS + 3_000 });
    expect(theirs).toHaveLength(1);
    const moved = theirs[0] as DeliveredRecord;
    const stale = mine.find((r) => r.partition === moved.partition) as DeliveredRecord;
    const refused = await c1.acknowledge(stale, 'accept').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SharqError);
    expect((refused as SharqError).code).toBe('INVALID_RECORD_STATE');
    expect(c1.blockedKeys().map((k) => k.partition)).not.toContain(moved.partition);
  });

  it('after stopFetching, poll throws ClosedError and nothing more is handed out', async () => {
    const { consumer, add } = await setup();
    const c = consumer();
    await add(['a']);
    await c.poll(1, { maxWaitMs: 50 });
    expect(await c.stopFetching()).toEqual([]);
    await expect(c.poll(1, { maxWaitMs: 50 })).rejects.toMatchObject({ code: 'CLOSED' });
  });
});
