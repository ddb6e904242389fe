import { uniqueName } from '@sharq/testkit';
import { expect, it } from 'vitest';
import {
  type GroupConsumerOptions,
  type GroupVerdict,
  REJOIN_DRAIN_MS,
  type StoredRecord,
  type Subscription,
} from '../../../src/engine/engine.js';
import type { ContractContext } from '../context.js';
import { eventually, sleep, text } from '../helpers.js';

/** A record in onRecord, held until the test finishes it. */
interface Held {
  record: StoredRecord;
  signal: AbortSignal;
  finish: () => void;
}

/** A group member whose onRecord holds every record until told. */
function holdingMember(
  ctx: ContractContext,
  groupId: string,
  topic: string,
  maxInFlightPerPartition: number,
  rejoin: Pick<GroupConsumerOptions, 'beforeRejoin' | 'afterJoin'> = {},
): { held: Held[]; errors: Error[]; subscription: Subscription } {
  const held: Held[] = [];
  const errors: Error[] = [];
  const subscription = ctx.keep(
    ctx.engine.runGroupConsumer({
      groupId,
      topics: [topic],
      maxInFlightPerPartition,
      onRecord: (record, signal) =>
        new Promise<GroupVerdict>((resolve) => {
          held.push({ record, signal, finish: () => resolve({ kind: 'done' }) });
        }),
      onError: (error) => errors.push(error),
      ...rejoin,
    }),
  );
  return { held, errors, subscription };
}

const offsetsOf = (held: Held[]) => held.map((h) => h.record.offset);

/** A fresh 2-partition topic holding a0 a1 on partition 0 and b0 b1 on partition 1, and a fresh group id. */
async function twoPartitionsOfTwo(ctx: ContractContext): Promise<{ topic: string; groupId: string }> {
  const { topic } = await ctx.setup(2);
  await ctx.engine.produce(topic, [
    { value: 'a0', partition: 0 },
    { value: 'a1', partition: 0 },
    { value: 'b0', partition: 1 },
    { value: 'b1', partition: 1 },
  ]);
  return { topic, groupId: uniqueName('contract-cg') };
}

/** Committed position of partition 0 as describeGroupOffsets reports it. */
async function committedAt(ctx: ContractContext, groupId: string, topic: string): Promise<number> {
  const [lag] = await ctx.engine.describeGroupOffsets(groupId, [topic]);
  return lag!.startOffset;
}

/** Classic group consumer with maxInFlightPerPartition > 1, ownership signals, describeGroupOffsets. */
export function windowedGroupConsumerCases(ctx: ContractContext): void {
  it('hands up to maxInFlightPerPartition records of one partition at once, the next only after one is done', async () => {
    const { topic } = await ctx.setup(1);
    await ctx.produceValues(
      topic,
      Array.from({ length: 15 }, (_, i) => `v${i}`),
    );
    const { held } = holdingMember(ctx, uniqueName('contract-cg'), topic, 10);
    await eventually('10 records in onRecord', ctx.settleMs, async () =>
      held.length >= 10 ? true : undefined,
    );
    // Long enough for several fetch rounds: a window that leaked would hand the 11th here.
    await sleep(1500);
    expect(offsetsOf(held)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    held[3]!.finish();
    await eventually('the 11th record', ctx.settleMs, async () => (held.length >= 11 ? true : undefined));
    await sleep(500);
    expect(offsetsOf(held)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const h of held) h.finish();
    await eventually('all 15 records', ctx.settleMs, async () => (held.length >= 15 ? true : undefined));
    expect(offsetsOf(held)).toEqual(Array.from({ length: 15 }, (_, i) => i));
  });

  it('commits only the contiguous done prefix as the offset: unfinished records go to the next member, finished ones never come back', async () => {
    const { topic } = await ctx.setup(1);
    const groupId = uniqueName('contract-cg');
    await ctx.produceValues(
      topic,
      Array.from({ length: 10 }, (_, i) => `v${i}`),
    );
    expect(await ctx.engine.describeGroupOffsets(groupId, [topic])).toEqual([
      { topic, partition: 0, startOffset: 0, endOffset: 10, lag: 10 },
    ]);

    // First member finishes 1..9 but not 0: nothing may be committed past 0.
    const first = holdingMember(ctx, groupId, topic, 10);
    await eventually('10 records', ctx.settleMs, async () => (first.held.length >= 10 ? true : undefined));
    for (const h of first.held.slice(1)) h.finish();
    await sleep(1000);
    expect(await committedAt(ctx, groupId, topic)).toBe(0);
    await first.subscription.close();
    // Closing takes the partition away from the record still in onRecord.
    expect(first.held[0]!.signal.aborted).toBe(true);

    // The next member gets only 0 (1..9 went with the commit as done); finishing it commits everything.
    const second = holdingMember(ctx, groupId, topic, 10);
    await eventually('the record not done', ctx.settleMs, async () =>
      second.held.length >= 1 ? true : undefined,
    );
    await sleep(500);
    expect(offsetsOf(second.held)).toEqual([0]);
    second.held[0]!.finish();
    await eventually('everything committed', ctx.settleMs, async () =>
      (await committedAt(ctx, groupId, topic)) === 10 ? true : undefined,
    );
    expect(await ctx.engine.describeGroupOffsets(groupId, [topic])).toEqual([
      { topic, partition: 0, startOffset: 10, endOffset: 10, lag: 0 },
    ]);
    await second.subscription.close();

    // A third member sees only what came after.
    await ctx.produceValues(topic, ['new']);
    const third = holdingMember(ctx, groupId, topic, 10);
    await eventually('the new record', ctx.settleMs, async () => (third.held.length >= 1 ? true : undefined));
    await sleep(500);
    expect(third.held.map((h) => [h.record.offset, text(h.record.value)])).toEqual([[10, 'new']]);
  });

  it('aborts the ownership signal of records whose partition moves to a joining member, which gets them again', async () => {
    const { topic, groupId } = await twoPartitionsOfTwo(ctx);
    const first = holdingMember(ctx, groupId, topic, 10);
    await eventually('4 records', ctx.settleMs, async () => (first.held.length >= 4 ? true : undefined));

    const second = holdingMember(ctx, groupId, topic, 10);
    await eventually('the moved partition at the new member', ctx.settleMs, async () =>
      second.held.length >= 2 ? true : undefined,
    );
    const moved = second.held[0]!.record.partition;
    const seenBySecond = second.held.map((h) => `${h.record.partition}@${h.record.offset}`);
    expect(seenBySecond).toEqual([`${moved}@0`, `${moved}@1`]);
    await eventually('the old owner notices', ctx.settleMs, async () =>
      first.held.filter((h) => h.record.partition === moved).every((h) => h.signal.aborted)
        ? true
        : undefined,
    );
    // The partition that stayed keeps its records in flight: not aborted, not handed twice.
    await sleep(1000);
    const kept = first.held.filter((h) => h.record.partition !== moved);
    expect(kept.map((h) => [h.record.offset, h.signal.aborted])).toEqual([
      [0, false],
      [1, false],
    ]);
    expect(first.held).toHaveLength(4);
    expect(second.held).toHaveLength(2);
    expect(second.held.every((h) => !h.signal.aborted)).toBe(true);
  });

  it('hands the next owner only the records not done: those done above the committed offset go with the commit and are skipped', async () => {
    const { topic } = await ctx.setup(1);
    const groupId = uniqueName('contract-cg');
    await ctx.produceValues(
      topic,
      Array.from({ length: 6 }, (_, i) => `v${i}`),
    );
    const first = holdingMember(ctx, groupId, topic, 10);
    await eventually('6 records', ctx.settleMs, async () => (first.held.length >= 6 ? true : undefined));
    for (const h of first.held) if ([1, 3, 4].includes(h.record.offset)) h.finish();
    await sleep(1000);
    expect(await committedAt(ctx, groupId, topic)).toBe(0);
    await first.subscription.close();

    const second = holdingMember(ctx, groupId, topic, 10);
    await eventually('the records not done', ctx.settleMs, async () =>
      second.held.length >= 3 ? true : undefined,
    );
    await sleep(1000);
    expect(offsetsOf(second.held)).toEqual([0, 2, 5]);
    for (const h of second.held) h.finish();
    await eventually('everything committed', ctx.settleMs, async () =>
      (await committedAt(ctx, groupId, topic)) === 6 ? true : undefined,
    );
    expect(first.errors).toEqual([]);
    expect(second.errors).toEqual([]);
  });

  it('holds a rebalance until the members holding partitions drained: the joining member starts nothing of them before, and what finished meanwhile is committed', async () => {
    const { topic, groupId } = await twoPartitionsOfTwo(ctx);
    let drains = 0;
    let joins = 0;
    let drained!: () => void;
    const gate = new Promise<void>((resolve) => {
      drained = resolve;
    });
    const first = holdingMember(ctx, groupId, topic, 10, {
      beforeRejoin: () => {
        drains++;
        return gate;
      },
      afterJoin: () => {
        joins++;
      },
    });
    await eventually('4 records', ctx.settleMs, async () => (first.held.length >= 4 ? true : undefined));
    const joinsBefore = joins;

    const second = holdingMember(ctx, groupId, topic, 10);
    await eventually('the rebalance starts at the first member', ctx.settleMs, async () =>
      drains >= 1 ? true : undefined,
    );
    // Finished while draining: the next owner must not get them again.
    for (const h of first.held) if (h.record.offset === 0) h.finish();
    await sleep(2000);
    expect(second.held).toEqual([]);
    expect(first.held.some((h) => h.signal.aborted)).toBe(false);
    expect(joins).toBe(joinsBefore);

    drained();
    await eventually('the moved partition at the new member', ctx.settleMs, async () =>
      second.held.length >= 1 ? true : undefined,
    );
    await sleep(500);
    const moved = second.held[0]!.record.partition;
    expect(second.held.map((h) => `${h.record.partition}@${h.record.offset}`)).toEqual([`${moved}@1`]);
    expect(joins).toBeGreaterThan(joinsBefore);
    const stillHeld = first.held
      .filter((h) => h.record.offset === 1)
      .sort((a, b) => a.record.partition - b.record.partition);
    expect(stillHeld.map((h) => [h.record.partition, h.signal.aborted])).toEqual(
      [0, 1].map((p) => [p, p === moved]),
    );
    expect(first.errors).toEqual([]);
  });

  it(`gives up a member's records when its drain before a rejoin takes longer than ${REJOIN_DRAIN_MS} ms, and the group moves on`, async () => {
    const { topic } = await ctx.setup(2);
    const groupId = uniqueName('contract-cg');
    await ctx.engine.produce(topic, [
      { value: 'a0', partition: 0 },
      { value: 'b0', partition: 1 },
    ]);
    let drains = 0;
    const first = holdingMember(ctx, groupId, topic, 10, {
      beforeRejoin: () => {
        drains++;
        return new Promise<void>(() => {});
      },
    });
    await eventually('2 records', ctx.settleMs, async () => (first.held.length >= 2 ? true : undefined));
    const second = holdingMember(ctx, groupId, topic, 10);
    await eventually('the rebalance starts at the first member', ctx.settleMs, async () =>
      drains >= 1 ? true : undefined,
    );
    await sleep(REJOIN_DRAIN_MS - 1500);
    expect(second.held).toEqual([]);
    await eventually('the moved partition at the new member', REJOIN_DRAIN_MS + ctx.settleMs, async () =>
      second.held.length >= 1 ? true : undefined,
    );
    expect(second.held.map((h) => h.record.offset)).toEqual([0]);
    // Given up: every record of the draining member, not only the moved partition's.
    expect(first.held.slice(0, 2).every((h) => h.signal.aborted)).toBe(true);
    expect(first.errors.map((e) => (e as { code?: string }).code)).toContain('REJOIN_DRAIN_TIMEOUT');
  });

  it('reports retryAt and a throwing handler in windowed mode and hands that record again, without holding back the rest', async () => {
    const { topic } = await ctx.setup(1);
    await ctx.produceValues(topic, ['throws', 'retry', 'fine']);
    const calls: string[] = [];
    const errors: string[] = [];
    const failed = new Set<string>();
    ctx.keep(
      ctx.engine.runGroupConsumer({
        groupId: uniqueName('contract-cg'),
        topics: [topic],
        maxInFlightPerPartition: 5,
        onRecord: async (record): Promise<GroupVerdict> => {
          const value = text(record.value)!;
          calls.push(value);
          if (failed.has(value)) return { kind: 'done' };
          failed.add(value);
          if (value === 'throws') throw new Error('boom');
          if (value === 'retry') return { kind: 'retryAt', at: Date.now() };
          return { kind: 'done' };
        },
        onError: (error) => errors.push(error.message),
      }),
    );
    await eventually('both handed again', ctx.settleMs, async () => (calls.length >= 5 ? true : undefined));
    expect(calls.slice(0, 3)).toEqual(['throws', 'retry', 'fine']);
    expect(calls.slice(3).sort()).toEqual(['retry', 'throws']);
    expect(errors).toHaveLength(2);
    expect(errors.some((m) => m.includes('boom'))).toBe(true);
    expect(errors.some((m) => m.includes("only 'done' is a verdict"))).toBe(true);
  });

  it('describes a classic group with nothing committed, and one whose commit fell below the log start, from the log start', async () => {
    const { topic } = await ctx.setup(1);
    const groupId = uniqueName('contract-cg');
    await ctx.produceValues(topic, ['a', 'b', 'c']);
    const member = holdingMember(ctx, groupId, topic, 5);
    await eventually('3 records', ctx.settleMs, async () => (member.held.length >= 3 ? true : undefined));
    member.held[0]!.finish();
    await eventually('committed 1', ctx.settleMs, async () =>
      (await committedAt(ctx, groupId, topic)) === 1 ? true : undefined,
    );
    await member.subscription.close();
    await ctx.engine.truncateTopic(topic);
    await ctx.produceValues(topic, ['d']);
    const expected = [{ topic, partition: 0, startOffset: 3, endOffset: 4, lag: 1 }];
    expect(await ctx.engine.describeGroupOffsets(groupId, [topic])).toEqual(expected);
    expect(await ctx.engine.describeGroupOffsets(uniqueName('contract-nobody'), [topic])).toEqual(expected);
  });

  it('aborts the ownership signal of a record in onRecord on close in the default mode', async () => {
    const { topic } = await ctx.setup(1);
    await ctx.produceValues(topic, ['only']);
    const { held, subscription } = holdingMember(ctx, uniqueName('contract-cg'), topic, 1);
    await eventually('the record', ctx.settleMs, async () => (held.length >= 1 ? true : undefined));
    expect(held[0]!.signal.aborted).toBe(false);
    const closing = subscription.close();
    await eventually('aborted', ctx.settleMs, async () => (held[0]!.signal.aborted ? true : undefined));
    held[0]!.finish();
    await closing;
  });
}
