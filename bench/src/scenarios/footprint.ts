/**
 * Scenario 6: footprint. One worker process at concurrency 1000 with sleeping jobs (1 s), fed at a steady
 * rate; CPU and RSS of the worker process (and of the server: the Kafka broker JVM / redis-server),
 * sampled from /proc over the steady part, CPU normalised per 1000 jobs/s completed.
 */
import { dropRedisPrefix, redisClient, startBenchKafka } from '../env/services.js';
import { warmUpBroker } from '../env/warmup.js';
import { BULLMQ_VERSION, bullQueue } from '../peers/bullmq.js';
import { sharqQueue } from '../peers/sharq.js';
import { fmt, ratio, type Table } from '../report/table.js';
import type { Scenario, ScenarioContext, ScenarioResult } from '../scenario.js';
import { loadAverage } from '../env/machine.js';
import { paced } from '../util/pacer.js';
import { ProcSampler } from '../util/proc-stats.js';
import { sleep } from '../util/time.js';
import { WorkerProcs } from '../util/worker-procs.js';

type System = 'sharq' | 'bullmq';

interface Footprint {
  jobsPerSec: number;
  workerCpuPercent: number;
  workerCpuPer1k: number;
  workerPeakRssMiB: number;
  serverCpuPercent: number;
  serverPer1k: number;
  serverRssMiB: number;
  load1: number;
}

async function redisPid(url: string): Promise<number> {
  const redis = redisClient(url);
  try {
    return Number(/process_id:(\d+)/.exec(await redis.info('server'))?.[1] ?? -1);
  } finally {
    redis.disconnect();
  }
}

export const footprintScenario: Scenario = {
  id: 'footprint',
  title: 'Footprint: worker RSS and CPU per 1000 jobs/s at concurrency 1000',
  async run(ctx: ScenarioContext): Promise<ScenarioResult> {
    const concurrency = 1_000;
    const jobMs = 1_000;
    const rate = ctx.quick ? 300 : 1_000;
    const seconds = ctx.quick ? 6 : 30;
    const jobs = rate * seconds;
    const prefix = `sharqbench-${ctx.runId}-fp`;
    const problems: string[] = [];
    const kafka = await startBenchKafka(ctx.log);
    if (!ctx.quick) await warmUpBroker(kafka.brokers, ctx.runId, ctx.log);
    const out: Partial<Record<System, Footprint>> = {};

    async function run(system: System): Promise<void> {
      const name = `fp-${ctx.runId}-${system}`;
      let add: (i: number) => Promise<unknown>;
      let close: () => Promise<void>;
      if (system === 'sharq') {
        const q = await sharqQueue(kafka.brokers, name);
        add = (i) => q.add('job', { i });
        close = () => q.close();
      } else {
        const q = bullQueue({ redisUrl: ctx.redisUrl, prefix }, name);
        await q.waitUntilReady();
        add = (i) => q.add('job', { i });
        close = () => q.close();
      }
      const procs = new WorkerProcs(jobs, ctx.log);
      procs.spawn(1, {
        system,
        queue: name,
        concurrency,
        brokers: kafka.brokers,
        redisUrl: ctx.redisUrl,
        prefix,
        jobMs,
        timings: false,
      });
      const serverPid = system === 'sharq' ? (kafka.pid ?? -1) : await redisPid(ctx.redisUrl);
      try {
        await procs.ready();
        procs.broadcast({ type: 'go' });
        await sleep(3_000);
        ctx.log(`${system}: ${rate} jobs/s of ${jobMs} ms for ${seconds} s at concurrency ${concurrency}`);
        const adding = paced(rate, jobs, add);
        // Sample the steady part: after the first job lifetime (pool filled), until the producer stops.
        await sleep(jobMs + 1_000);
        const worker = new ProcSampler(procs.pids);
        const server = new ProcSampler([serverPid]);
        const doneBefore = procs.completed;
        const t0 = performance.now();
        worker.start();
        server.start();
        const { errors } = await adding;
        const w = worker.stop();
        const s = server.stop();
        const jobsPerSec = ((procs.completed - doneBefore) / (performance.now() - t0)) * 1000;
        if (errors > 0) problems.push(`${system}: ${errors} add() calls failed`);
        await procs.until(jobs, 120_000);
        out[system] = {
          jobsPerSec,
          workerCpuPercent: w.cpuPercent,
          workerCpuPer1k: (w.cpuPercent * 1000) / jobsPerSec,
          workerPeakRssMiB: w.peakRssMiB,
          serverCpuPercent: s.cpuPercent,
          serverPer1k: (s.cpuPercent * 1000) / jobsPerSec,
          serverRssMiB: s.peakRssMiB,
          load1: loadAverage()[0],
        };
        ctx.log(`${system}: ${JSON.stringify(out[system])}`);
      } finally {
        await procs.stop();
        await close();
      }
      problems.push(...procs.errors.map((e) => `${system}: ${e}`));
      for (const w of procs.warnings) ctx.warn(`${system}: ${w}`);
    }

    try {
      await run('sharq');
      await run('bullmq');
    } finally {
      await kafka.stop();
      await dropRedisPrefix(ctx.redisUrl, prefix);
    }
    const s = out.sharq;
    const b = out.bullmq;
    const row = (label: string, f: (x: Footprint) => number, digits = 1) => [
      label,
      fmt(s ? f(s) : Number.NaN, digits),
      fmt(b ? f(b) : Number.NaN, digits),
      ratio(s ? f(s) : Number.NaN, b ? f(b) : Number.NaN),
    ];
    const table: Table = {
      title: `worker at concurrency ${concurrency}, ${jobMs} ms sleeping jobs, fed at ${fmt(rate)} jobs/s`,
      headers: ['measure', 'Sharq', `BullMQ ${BULLMQ_VERSION}`, 'Sharq / BullMQ'],
      rows: [
        row('completed jobs/s (steady part)', (x) => x.jobsPerSec),
        row('worker CPU % of one core', (x) => x.workerCpuPercent),
        row('worker CPU % per 1000 jobs/s', (x) => x.workerCpuPer1k),
        row('worker peak RSS MiB', (x) => x.workerPeakRssMiB),
        row('server CPU % per 1000 jobs/s (Kafka JVM / redis-server)', (x) => x.serverPer1k),
        row('server RSS MiB (whole broker / whole redis)', (x) => x.serverRssMiB),
      ],
    };
    return {
      tables: [table],
      charts: [
        {
          file: 'footprint',
          title: `Footprint at concurrency ${concurrency} (CPU % of one core per 1000 jobs/s; lower is better)`,
          type: 'bar',
          labels: ['worker CPU %/1000 jobs/s', 'server CPU %/1000 jobs/s'],
          series: [
            { label: 'Sharq', data: [s?.workerCpuPer1k ?? null, s?.serverPer1k ?? null] },
            {
              label: `BullMQ ${BULLMQ_VERSION}`,
              data: [b?.workerCpuPer1k ?? null, b?.serverPer1k ?? null],
              peer: true,
            },
          ],
          yLabel: 'CPU % of one core per 1000 jobs/s',
        },
      ],
      data: { concurrency, jobMs, rate, seconds, out },
      versions: { bullmq: BULLMQ_VERSION },
      problems,
      notes: [
        "The shared Redis serves other helpers too, so its CPU and RSS include their load; the Kafka broker is this scenario's own.",
      ],
    };
  },
};
