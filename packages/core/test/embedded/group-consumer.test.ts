import { describe, expect, it } from 'vitest';
import { EmbeddedEngine, ManualClock } from '../../src/embedded/index.js';
import type { GroupVerdict, StoredRecord } from '../../src/engine/engine.js';

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

async function setup(partitions = 1) {
  const clock = new ManualClock();
  const engine = new EmbeddedEngine({ clock });
  await engine.ensureTopic({ name: 't', partitions });
  return { clock, engine };
}

describe('embedded runGroupConsumer (fake clock)', () => {
  it('pauses a partition on retryAt and hands the same record again at that time, in order', async () => {
    const { clock, engine } = await setup();
    await engine.produce('t', [{ value: 'a' }, { value: 'b' }]);
    const seen: string[] = [];
    let first = true;
    engine.runGroupConsumer({
      groupId: 'cg',
      topics: ['t'],
      onRecord: async (record): Promise<GroupVerdict> => {
        seen.push(`${record.value} @${clock.now()}`);
        if (first) {
          first = false;
          return { kind: 'retryAt', at: clock.now() + 5000 };
        }
        return { kind: 'done' };
      },
    });
    await flush();
    const t0 = clock.now();
    expect(seen).toEqual([`a @${t0}`]);
    await clock.tick(4999);
    expect(seen).toHaveLength(1);
    await clock.tick(1);
    expect(seen).toEqual([`a @${t0}`, `a @${t0 + 5000}`, `b @${t0 + 5000}`]);
    await engine.close();
  });

  it('resumes from the committed offset when a new runner joins the same group later', async () => {
    const { engine } = await setup();
    await engine.produce('t', [{ value: 'a' }, { value: 'b' }]);
    const first: string[] = [];
    const runner = engine.runGroupConsumer({
      groupId: 'cg',
      topics: ['t'],
      onRecord: async (record) => {
        first.push(String(record.value));
        return { kind: 'done' };
      },
    });
    await flush();
    await runner.close();
    await engine.produce('t', [{ value: 'c' }]);
    const second: string[] = [];
    engine.runGroupConsumer({
      groupId: 'cg',
      topics: ['t'],
      onRecord: async (record) => {
        second.push(String(record.value));
        return { kind: 'done' };
      },
    });
    await flush();
    expect([first, second]).toEqual([['a', 'b'], ['c']]);
    await engine.close();
  });

  it('gives each partition to exactly one runner and never runs one partition twice at once', async () => {
    const { engine } = await setup(4);
    let active = new Map<number, number>();
    let overlap = false;
    const owners = new Map<number, Set<string>>();
    const handler = (name: string) => async (record: StoredRecord) => {
      const now = (active.get(record.partition) ?? 0) + 1;
      active.set(record.partition, now);
      if (now > 1) overlap = true;
      owners.set(record.partition, (owners.get(record.partition) ?? new Set()).add(name));
      await flush();
      active.set(record.partition, now - 1);
      return { kind: 'done' } as const;
    };
    engine.runGroupConsumer({ groupId: 'cg', topics: ['t'], onRecord: handler('r1') });
    engine.runGroupConsumer({ groupId: 'cg', topics: ['t'], onRecord: handler('r2') });
    await engine.produce(
      't',
      Array.from({ length: 40 }, (_, i) => ({ value: String(i), partition: i % 4 })),
    );
    for (let i = 0; i < 30; i++) await flush();
    expect(overlap).toBe(false);
    expect([...owners.values()].every((set) => set.size === 1)).toBe(true);
    expect(new Set([...owners.values()].flatMap((set) => [...set]))).toEqual(new Set(['r1', 'r2']));
    active = new Map();
    await engine.close();
  });

  it('reports a throwing handler through onError and retries the same record later', async () => {
    const { clock, engine } = await setup();
    await engine.produce('t', [{ value: 'a' }]);
    const errors: string[] = [];
    let calls = 0;
    engine.runGroupConsumer({
      groupId: 'cg',
      topics: ['t'],
      onRecord: async () => {
        calls++;
        if (calls === 1) throw new Error('boom');
        return { kind: 'done' };
      },
      onError: (error) => errors.push(error.message),
    });
    await flush();
    expect([calls, errors]).toEqual([1, ['boom']]);
    await clock.tick(1000);
    expect(calls).toBe(2);
    await engine.close();
  });
});

describe('embedded runGroupConsumer, windowed (fake clock)', () => {
  /** onRecord that holds every record until the test settles it. */
  function holder() {
    const held: { offset: number; signal: AbortSignal; settle: (v: GroupVerdict) => void }[] = [];
    const onRecord = (record: StoredRecord, signal: AbortSignal) =>
      new Promise<GroupVerdict>((resolve) => {
        held.push({ offset: record.offset, signal, settle: resolve });
      });
    return { held, onRecord };
  }

  it('hands a record that threw again after a second of clock, while later records went on meanwhile', async () => {
    const { clock, engine } = await setup();
    await engine.produce('t', [{ value: 'a' }, { value: 'b' }, { value: 'c' }]);
    const calls: string[] = [];
    const errors: string[] = [];
    engine.runGroupConsumer({
      groupId: 'cg',
      topics: ['t'],
      maxInFlightPerPartition: 3,
      onRecord: async (record) => {
        calls.push(`${record.value} @${clock.now()}`);
        if (calls.length === 1) throw new Error('boom');
        return { kind: 'done' };
      },
      onError: (error) => errors.push(error.message),
    });
    await flush();
    const t0 = clock.now();
    expect(calls).toEqual([`a @${t0}`, `b @${t0}`, `c @${t0}`]);
    expect(await engine.describeGroupOffsets('cg', ['t'])).toMatchObject([{ startOffset: 0, lag: 3 }]);
    await clock.tick(999);
    expect(calls).toHaveLength(3);
    await clock.tick(1);
    await flush();
    expect([calls[3], errors]).toEqual([`a @${t0 + 1000}`, ['boom']]);
    expect(await engine.describeGroupOffsets('cg', ['t'])).toMatchObject([{ startOffset: 3, lag: 0 }]);
    await engine.close();
  });

  it('gives a leaving member’s records to the next member at once and ignores the leaver’s later verdicts', async () => {
    const { engine } = await setup();
    await engine.produce('t', [{ value: 'a' }, { value: 'b' }]);
    const first = holder();
    const second = holder();
    const leaver = engine.runGroupConsumer({
      groupId: 'cg',
      topics: ['t'],
      maxInFlightPerPartition: 5,
      onRecord: first.onRecord,
    });
    engine.runGroupConsumer({
      groupId: 'cg',
      topics: ['t'],
      maxInFlightPerPartition: 5,
      onRecord: second.onRecord,
    });
    await flush();
    expect([first.held.map((h) => h.offset), second.held]).toEqual([[0, 1], []]);
    await leaver.close();
    await flush();
    expect(first.held.every((h) => h.signal.aborted)).toBe(true);
    expect(second.held.map((h) => h.offset)).toEqual([0, 1]);
    for (const h of first.held) h.settle({ kind: 'done' });
    await flush();
    expect(await engine.describeGroupOffsets('cg', ['t'])).toMatchObject([{ startOffset: 0 }]);
    second.held[1]!.settle({ kind: 'done' });
    await flush();
    expect(await engine.describeGroupOffsets('cg', ['t'])).toMatchObject([{ startOffset: 0 }]);
    second.held[0]!.settle({ kind: 'done' });
    await flush();
    expect(await engine.describeGroupOffsets('cg', ['t'])).toMatchObject([{ startOffset: 2, lag: 0 }]);
    await engine.close();
  });

  it('describes an unknown group and a truncated topic from the log start, without creating the group', async () => {
    const { engine } = await setup(2);
    await engine.produce('t', [
      { value: 'a', partition: 0 },
      { value: 'b', partition: 0 },
      { value: 'c', partition: 1 },
    ]);
    expect(await engine.describeGroupOffsets('nobody', ['t', 'missing'])).toEqual([
      { topic: 't', partition: 0, startOffset: 0, endOffset: 2, lag: 2 },
      { topic: 't', partition: 1, startOffset: 0, endOffset: 1, lag: 1 },
    ]);
    await engine.truncateTopic('t');
    await engine.produce('t', [{ value: 'd', partition: 0 }]);
    expect(await engine.describeGroupOffsets('nobody', ['t'])).toEqual([
      { topic: 't', partition: 0, startOffset: 2, endOffset: 3, lag: 1 },
      { topic: 't', partition: 1, startOffset: 1, endOffset: 1, lag: 0 },
    ]);
    await engine.close();
  });

  it('rejects a maxInFlightPerPartition that is not a whole number ≥ 1', async () => {
    const { engine } = await setup();
    for (const bad of [0, 1.5, -1]) {
      expect(() =>
        engine.runGroupConsumer({
          groupId: 'cg',
          topics: ['t'],
          maxInFlightPerPartition: bad,
          onRecord: async () => ({ kind: 'done' }),
        }),
      ).toThrow(expect.objectContaining({ code: 'VALIDATION', path: 'maxInFlightPerPartition' }));
    }
    await engine.close();
  });
});
