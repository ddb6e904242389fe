// Quick worker throughput (not a test): N no-op jobs added with addBulk, then one worker at
// concurrency C processes them. Usage:
//   node packages/worker/bench/throughput.mjs embedded [N] [C]
//   SHARQ_KAFKA_BROKERS=127.0.0.1:39092 node packages/worker/bench/throughput.mjs kafka [N] [C] [prefetch]
// Wall-clock rates on a shared 2-core machine swing with the load average, so it also prints CPU cost
// per job, which does not: this process's (the worker's, during processing) and, with
// SHARQ_BENCH_BROKER_PID=<broker java pid>, the broker's (from /proc/<pid>/stat, Linux only).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { EmbeddedEngine, Queue } from '@sharq/core';
import { Worker } from '@sharq/worker';

const [mode = 'embedded', nArg = '20000', cArg = '50', pArg = '0'] = process.argv.slice(2);
const N = Number(nArg);
const C = Number(cArg);
const prefetch = Number(pArg);
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
let processBroker;

let done = 0;
let start = 0;
const finished = new Promise((resolve) => {
  const options = { connection, concurrency: C, autorun: false, ...(prefetch > 0 ? { prefetch } : {}) };
  const worker = new Worker(name, async () => undefined, options);
  worker.on('error', (error) => console.error('worker error', error));
  worker.on('completed', () => {
    if (++done === N) resolve(worker);
  });
  worker.waitUntilReady().then(() => {
    start = performance.now();
    processCpu = process.cpuUsage();
    processBroker = brokerCpuUs();
    return worker.run();
  });
});
const worker = await finished;
const processMs = performance.now() - start;
const processCpuUs = cpuUs(process.cpuUsage(processCpu));
const processBrokerUs = processBroker === undefined ? undefined : (brokerCpuUs() ?? 0) - processBroker;
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
    prefetch,
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
