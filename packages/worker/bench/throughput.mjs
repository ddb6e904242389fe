// Quick worker throughput (not a test): N no-op jobs added with addBulk, then one worker at
// concurrency C processes them. Usage:
//   node packages/worker/bench/throughput.mjs embedded [N] [C]
//   SHARQ_KAFKA_BROKERS=127.0.0.1:39092 node packages/worker/bench/throughput.mjs kafka [N] [C]
import { randomBytes } from 'node:crypto';
import { EmbeddedEngine, Queue } from '@sharq/core';
import { Worker } from '@sharq/worker';

const [mode = 'embedded', nArg = '20000', cArg = '50'] = process.argv.slice(2);
const N = Number(nArg);
const C = Number(cArg);
const connection =
  mode === 'kafka'
    ? { brokers: (process.env.SHARQ_KAFKA_BROKERS ?? '127.0.0.1:39092').split(',') }
    : new EmbeddedEngine();
const name = `bench-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;

const queue = new Queue(name, { connection });
await queue.waitUntilReady();
const addStart = performance.now();
for (let i = 0; i < N; i += 5_000) {
  const batch = [];
  for (let j = i; j < Math.min(N, i + 5_000); j++) batch.push({ name: 'noop', data: { i: j } });
  await queue.addBulk(batch);
}
const addMs = performance.now() - addStart;

let done = 0;
let start = 0;
const finished = new Promise((resolve) => {
  const worker = new Worker(name, async () => undefined, { connection, concurrency: C, autorun: false });
  worker.on('error', (error) => console.error('worker error', error));
  worker.on('completed', () => {
    if (++done === N) resolve(worker);
  });
  worker.waitUntilReady().then(() => {
    start = performance.now();
    return worker.run();
  });
});
const worker = await finished;
const processMs = performance.now() - start;
await worker.close();
await queue.close();
if (mode !== 'kafka') await connection.close();
console.log(
  JSON.stringify({
    mode,
    jobs: N,
    concurrency: C,
    addPerSec: Math.round(N / (addMs / 1000)),
    processPerSec: Math.round(N / (processMs / 1000)),
    processMs: Math.round(processMs),
  }),
);
