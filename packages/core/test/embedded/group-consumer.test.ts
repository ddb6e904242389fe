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
