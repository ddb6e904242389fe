/**
 * A fresh broker is slow for its first thousands of requests (JIT, coordinators loading the share-group
 * state and offsets topics): whichever system is measured first would pay for it. Full runs warm the
 * broker with a throwaway Sharq queue (addBulk + one worker process) and a classic-group read first.
 */
import { classicTopic } from '../peers/classic.js';
import { sharqQueue } from '../peers/sharq.js';
import { WorkerProcs } from '../util/worker-procs.js';

export async function warmUpBroker(
  brokers: string[],
  runId: string,
  log: (line: string) => void,
): Promise<void> {
  const started = performance.now();
  const jobs = 5_000;
  const name = `warmup-${runId}`;
  const queue = await sharqQueue(brokers, name);
  await queue.addBulk(Array.from({ length: jobs }, (_, i) => ({ name: 'warmup', data: { i } })));
  await queue.close();
  await classicTopic(
    brokers,
    `${name}-classic`,
    1,
    Array.from({ length: 2_000 }, (_, i) => ({ i })),
  );
  for (const system of ['sharq', 'classic'] as const) {
    const expected = system === 'sharq' ? jobs : 2_000;
    const procs = new WorkerProcs(expected, log);
    procs.spawn(1, {
      system,
      queue: system === 'sharq' ? name : `${name}-classic`,
      groupId: `${name}-group`,
      concurrency: 50,
      brokers,
      jobMs: 0,
      timings: false,
    });
    try {
      await procs.ready();
      procs.broadcast({ type: 'go' });
      await procs.until(expected, 180_000);
    } finally {
      await procs.stop();
    }
  }
  log(`broker warmed up in ${Math.round(performance.now() - started)} ms`);
}
