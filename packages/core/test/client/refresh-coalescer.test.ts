import { expect, it } from 'vitest';
import { RefreshCoalescer } from '../../src/client/refresh-coalescer.js';

function controlled() {
  const calls: { names: string[]; finish: (error?: Error) => void }[] = [];
  const coalescer = new RefreshCoalescer(
    (names) =>
      new Promise<void>((resolve, reject) => {
        calls.push({ names: [...names].sort(), finish: (error) => (error ? reject(error) : resolve()) });
      }),
  );
  return { calls, coalescer };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

it('joins a refresh under way that covers the topics, merges the rest into one follow-up', async () => {
  const { calls, coalescer } = controlled();
  const a = coalescer.refresh(['t1', 't2']);
  const b = coalescer.refresh(['t1']);
  const c = coalescer.refresh(['t3']);
  const d = coalescer.refresh(['t4', 't1']);
  expect(calls.map((call) => call.names)).toEqual([['t1', 't2']]);
  calls[0]!.finish();
  await Promise.all([a, b]);
  await tick();
  expect(calls.map((call) => call.names)).toEqual([
    ['t1', 't2'],
    ['t1', 't3', 't4'],
  ]);
  calls[1]!.finish();
  await Promise.all([c, d]);
  coalescer.refresh(['t1']);
  expect(calls).toHaveLength(3);
});

it('reports a failed refresh to its callers and still runs the follow-up', async () => {
  const { calls, coalescer } = controlled();
  const first = coalescer.refresh(['t1']);
  const second = coalescer.refresh(['t2']);
  calls[0]!.finish(new Error('metadata failed'));
  await expect(first).rejects.toThrow('metadata failed');
  await tick();
  expect(calls[1]?.names).toEqual(['t2']);
  calls[1]!.finish();
  await expect(second).resolves.toBeUndefined();
});
