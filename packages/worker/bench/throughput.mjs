// Quick worker throughput (not a test): N no-op jobs added with addBulk, then one worker at
// concurrency C processes them. Usage:
//   node packages/worker/bench/throughput.mjs embedded [N] [C]
//   SHARQ_KAFKA_BROKERS=127.0.0.1:39092 node packages/worker/bench/throughput.mjs kafka [N] [C] [prefetch]
// Wall-clock rates on a shared 2-core machine swing with the load average, so it also prints CPU cost
// per job, which does not: this process's (the worker's, during processing) and, with
// SHARQ_BENCH_BROKER_PID=<broker java pid>, the broker's (from /proc/<pid>/stat, Linux only).
// SHARQ_BENCH_CPU_PROFILE=<file.cpuprofile> writes a V8 CPU profile of the processing phase only (not addBulk).
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { EmbeddedEngine, Queue } from '@sharq/core';
// SHARQ_BENCH_WORKER_MODULE=<path/to/worker/dist/index.js> runs another build of the Worker (A/B on one broker).
const { Worker } = process.env.SHARQ_BENCH_WORKER_MODULE
  ? await import(process.env.SHARQ_BENCH_WORKER_MODULE)
  : await import('@sharq/worker');

const [mode = 'embedded', nArg = '20000', cArg = '50', pArg] = process.argv.slice(2);
const N = Number(nArg);
const C = Number(cArg);
/** The prefetch bound; omitted = the Worker's default (adaptive window); 0 = prefetch off. */
const prefetch = pArg === undefined ? undefined : Number(pArg);
const brokerPid = process.env.SHARQ_BENCH_BROKER_PID;
/** CPU time of the broker process so far (µs), or undefined. */
function brokerCpuUs() {
  if (!brokerPid) return undefined;
  const fields = readFileSync(`/proc/${brokerPid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  // utime and stime are fields 14 and 15 of /proc/<pid>/stat (11 and 12 after the command), in clock ticks.
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100;
}
const connection =
  mode === 'kafka'
    ? { brokers: (process.env.SHARQ_KAFKA_BROKERS ?? '127.0.0.1:39092').split(',') }
    : new EmbeddedEngine();
const name = `bench-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;

const queue = new Queue(name, { connection });
await queue.waitUntilReady();
const addStart = performance.now();
const addCpu = process.cpuUsage();
const addBroker = brokerCpuUs();
for (let i = 0; i < N; i += 5_000) {
  const batch = [];
  for (let j = i; j < Math.min(N, i + 5_000); j++) batch.push({ name: 'noop', data: { i: j } });
  await queue.addBulk(batch);
}
const addMs = performance.now() - addStart;
const addCpuUs = cpuUs(process.cpuUsage(addCpu));
const addBrokerUs = addBroker === undefined ? undefined : (brokerCpuUs() ?? 0) - addBroker;
let processCpu;
/** Inspector session while SHARQ_BENCH_CPU_PROFILE records the processing phase. */
let profiler;
let processBroker;

let done = 0;
let start = 0;
const finished = new Promise((resolve) => {
  const options = {
    connection,
    concurrency: C,
    autorun: false,
    ...(prefetch === undefined ? {} : { prefetch }),
  };
  const worker = new Worker(name, async () => undefined, options);
  worker.on('error', (error) => console.error('worker error', error));
  worker.on('completed', () => {
    if (++done === N) resolve(worker);
  });
  worker.waitUntilReady().then(() => {
    start = performance.now();
    processCpu = process.cpuUsage();
    processBroker = brokerCpuUs();
    return startProfile().then(() => worker.run());
  });
});
const worker = await finished;
const processMs = performance.now() - start;
const processCpuUs = cpuUs(process.cpuUsage(processCpu));
await stopProfile();
const processBrokerUs = processBroker === undefined ? undefined : (brokerCpuUs() ?? 0) - processBroker;
async function startProfile() {
  if (!process.env.SHARQ_BENCH_CPU_PROFILE) return;
  profiler = new Session();
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.start');
}
async function stopProfile() {
  if (!profiler) return;
  const { profile } = await profiler.post('Profiler.stop');
  writeFileSync(process.env.SHARQ_BENCH_CPU_PROFILE, JSON.stringify(profile));
  profiler.disconnect();
}
function cpuUs(usage) {
  return usage.user + usage.system;
}
await worker.close();
await queue.close();
if (mode !== 'kafka') await connection.close();
console.log(
  JSON.stringify({
    mode,
    jobs: N,
    concurrency: C,
    prefetch: prefetch ?? 'adaptive',
    load1: Number(loadavg()[0]?.toFixed(1)),
    addPerSec: Math.round(N / (addMs / 1000)),
    processPerSec: Math.round(N / (processMs / 1000)),
    processMs: Math.round(processMs),
    // CPU µs per job: this process while adding / while processing, and the broker's if known.
    addCpuUsPerJob: Math.round(addCpuUs / N),
    processCpuUsPerJob: Math.round(processCpuUs / N),
    ...(addBrokerUs === undefined ? {} : { addBrokerCpuUsPerJob: Math.round(addBrokerUs / N) }),
    ...(processBrokerUs === undefined ? {} : { processBrokerCpuUsPerJob: Math.round(processBrokerUs / N) }),
  }),
);
