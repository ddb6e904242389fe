// The same measurement as throughput.mjs, for BullMQ on the local Redis (not a test): N no-op jobs added
// with addBulk (5000 per call), then one worker at concurrency C. Run it beside throughput.mjs, same load.
//   node packages/worker/bench/bullmq-throughput.mjs [N] [C]      (SHARQ_BENCH_REDIS_PID=<redis pid> for its CPU)
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Queue, Worker } from 'bullmq';

const [nArg = '30000', cArg = '50'] = process.argv.slice(2);
const N = Number(nArg);
const C = Number(cArg);
const connection = { host: '127.0.0.1', port: 6379 };
const redisPid = process.env.SHARQ_BENCH_REDIS_PID;
function redisCpuUs() {
  if (!redisPid) return undefined;
  const fields = readFileSync(`/proc/${redisPid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100;
}
const cpuUs = (u) => u.user + u.system;

const name = `bench-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
const queue = new Queue(name, { connection });
await queue.waitUntilReady();
const addStart = performance.now();
const addCpu = process.cpuUsage();
const addRedis = redisCpuUs();
for (let i = 0; i < N; i += 5_000) {
  const batch = [];
  for (let j = i; j < Math.min(N, i + 5_000); j++) batch.push({ name: 'noop', data: { i: j } });
  await queue.addBulk(batch);
}
const addMs = performance.now() - addStart;
const addCpuUs = cpuUs(process.cpuUsage(addCpu));
const addRedisUs = addRedis === undefined ? undefined : (redisCpuUs() ?? 0) - addRedis;

let done = 0;
const start = performance.now();
const processCpu = process.cpuUsage();
const processRedis = redisCpuUs();
const worker = new Worker(name, async () => undefined, { connection, concurrency: C });
await new Promise((resolve) => {
  worker.on('completed', () => {
    if (++done === N) resolve();
  });
});
const processMs = performance.now() - start;
const processCpuUs = cpuUs(process.cpuUsage(processCpu));
const processRedisUs = processRedis === undefined ? undefined : (redisCpuUs() ?? 0) - processRedis;
await worker.close();
await queue.obliterate({ force: true });
await queue.close();
console.log(
  JSON.stringify({
    mode: 'bullmq',
    jobs: N,
    concurrency: C,
    load1: Number(loadavg()[0]?.toFixed(1)),
    addPerSec: Math.round(N / (addMs / 1000)),
    processPerSec: Math.round(N / (processMs / 1000)),
    addCpuUsPerJob: Math.round(addCpuUs / N),
    processCpuUsPerJob: Math.round(processCpuUs / N),
    ...(addRedisUs === undefined ? {} : { addRedisCpuUsPerJob: Math.round(addRedisUs / N) }),
    ...(processRedisUs === undefined ? {} : { processRedisCpuUsPerJob: Math.round(processRedisUs / N) }),
  }),
);
