import { useCaseEngines } from '@sharq/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { EmbeddedEngine } from '../../src/embedded/index.js';
import { encodeJobEventBatch, findJob, jobEventJson, Queue } from '../../src/index.js';

const freshEngine = useCaseEngines(() => new EmbeddedEngine());

async function setup() {
  const engine = freshEngine();
  const queue = new Queue<{ n: number }>('lookup', { connection: engine });
  await queue.waitUntilReady();
  return { engine, queue, topology: queue.topology };
}

describe('findJob (embedded engine)', () => {
  it('finds a waiting job by its record, a worked one by its events, and nothing for an unknown id', async () => {
    const { engine, queue, topology } = await setup();
    const waiting = await queue.add('report', { n: 1 }, { jobId: 'waiting-1' });
    // Many jobs' events in batch records, as workers write them; the scan pages through them.
    const batch = Array.from({ length: 12_000 }, (_, n) =>
      jobEventJson({ type: 'active', jobId: `other-${n}`, ts: 1_000 + n, name: 'x', attempt: 1 }),
    );
    await engine.produce(topology.eventsTopic, [
      encodeJobEventBatch(batch.slice(0, 6_000)),
      encodeJobEventBatch([
        jobEventJson({
          type: 'active',
          jobId: 'done-1',
          ts: 2_000,
          name: 'send',
          attempt: 1,
          addedAt: 1_500,
          workerId: 'w1',
        }),
        jobEventJson({
          type: 'completed',
          jobId: 'done-1',
          ts: 2_040,
          name: 'send',
          attempt: 1,
          durationMs: 40,
          workerId: 'w1',
        }),
      ]),
      encodeJobEventBatch(batch.slice(6_000)),
    ]);

    const found = await findJob(engine, topology, 'waiting-1');
    expect(found).toMatchObject({
      name: 'report',
      state: 'waiting',
      addedAt: waiting.timestamp,
      attempts: [],
    });
    const done = await findJob(engine, topology, 'done-1');
    expect(done).toMatchObject({ name: 'send', state: 'completed', addedAt: 1_500 });
    expect(done?.attempts).toEqual([
      expect.objectContaining({ workerId: 'w1', outcome: 'completed', durationMs: 40 }),
    ]);
    expect(await findJob(engine, topology, 'nobody')).toBeUndefined();
    await queue.close();
  });

  it('finds a delayed job in its delay bucket', async () => {
    const { queue, engine, topology } = await setup();
    await queue.add('later', { n: 2 }, { jobId: 'later-1', delay: 60_000 });
    const found = await findJob(engine, topology, 'later-1');
    expect(found).toMatchObject({ name: 'later', state: 'delayed' });
    await queue.close();
  });
});
