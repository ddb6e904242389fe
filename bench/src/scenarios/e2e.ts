/**
 * Scenario 3: end-to-end throughput vs BullMQ. N no-op jobs added with addBulk (chunks), then processed by
 * one worker process at concurrency 50, and by 4 worker processes; I/O-bound jobs (each awaits 100 ms)
 * through an in-process Worker and through `sharq worker` with its defaults (thread isolation); plus the
 * latency of single add() calls. Sharq on its own broker (1-partition queue), BullMQ on the local Redis;
 * interleaved per phase. Beside them, what two Sharq features cost against the plain Sharq rows of the same
 * run: addBulk with deduplicateJobIds (a jobId per job), and processing on a queue with priorities: 3 and on a
 * key-ordered queue (1,000 keys).
 */
import type { Queue as BullQueue } from 'bullmq';
import type { Queue as SharqQueue } from '@sharq/core';
import { dropRedisPrefix, startBenchKafka } from '../env/services.js';
import { warmUpBroker } from '../env/warmup.js';
import { BULLMQ_VERSION, bullQueue } from '../peers/bullmq.js';
import { type BenchJob, sharqQueue } from '../peers/sharq.js';
import type { Scenario, ScenarioContext, ScenarioResult } from '../scenario.js';
import { fmt, ratio, type Table } from '../report/table.js';
import { measure, perSecond } from '../util/measure.js';
import { summarize } from '../util/stats.js';
import { WorkerProcs } from '../util/worker-procs.js';
import { runCliWorker } from './e2e-cli-worker.js';

type System = 'sharq' | 'bullmq';
/** A bench job; `ms` makes it I/O-bound (the worker awaits it, see procs/worker-proc.ts). */
type E2eJob = BenchJob & { ms?: number };

interface Adder {
  addBulk(jobs: { name: string; data: E2eJob }[]): Promise<unknown>;
  add(name: string, data: BenchJob): Promise<unknown>;
  close(): Promise<void>;
}

function bulk(from: number, to: number, ms?: number): { name: string; data: E2eJob }[] {
  const jobs: { name: string; data: E2eJob }[] = [];
  for (let i = from; i < to; i++) jobs.push({ name: 'noop', data: ms ? { i, ms } : { i } });
  return jobs;
}

async function addAll(adder: Adder, jobs: number, chunk: number, ms?: number): Promise<void> {
  for (let from = 0; from < jobs; from += chunk)
    await adder.addBulk(bulk(from, Math.min(jobs, from + chunk), ms));
}

/** The priority-cost row: a queue with this many levels, every job at the lowest (the queue topic itself). */
const PRIORITIES = 3;
/** The key-order cost row: jobs spread round-robin over this many ordering keys. */
const ORDERING_KEYS = 1_000;

/** The I/O-bound rows: each job awaits this long (ideal rate: concurrency / IO_JOB_MS per ms). */
const IO_JOB_MS = 100;

export const e2eScenario: Scenario = {
  id: 'e2e',
  title: 'End-to-end throughput vs BullMQ',
  async run(ctx: ScenarioContext): Promise<ScenarioResult> {
    const jobs = ctx.quick ? 2_000 : 100_000;
    const chunk = ctx.quick ? 500 : 5_000;
    const singleAdds = ctx.quick ? 50 : 1_000;
    const ioJobs = ctx.quick ? 500 : 5_000;
    const concurrency = 50;
    const prefix = `sharqbench-${ctx.runId}-e2e`;
    const problems: string[] = [];
    const kafka = await startBenchKafka(ctx.log);
    if (!ctx.quick) await warmUpBroker(kafka.brokers, ctx.runId, ctx.log);
    let seq = 0;
    const brokers = kafka.brokers;

    async function newAdder(system: System): Promise<{ adder: Adder; queue: string }> {
      const name = `e2e-${ctx.runId}-${seq++}`;
      if (system === 'sharq') {
        const q: SharqQueue<BenchJob> = await sharqQueue(brokers, name);
        return { adder: q, queue: name };
      }
      const q: BullQueue = bullQueue({ redisUrl: ctx.redisUrl, prefix }, name);
      await q.waitUntilReady();
      return {
        adder: {
          addBulk: (list) => q.addBulk(list),
          add: (n, d) => q.add(n, d),
          close: () => q.close(),
        },
        queue: name,
      };
    }

    async function processWith(
      system: System,
      queue: string,
      procs: number,
      count = jobs,
      extra: { priorities?: number; ordering?: 'key' } = {},
    ) {
      const workers = new WorkerProcs(count, ctx.log);
      workers.spawn(procs, {
        ...extra,
        system,
        queue,
        concurrency,
        brokers,
        redisUrl: ctx.redisUrl,
        prefix,
        jobMs: 0,
        timings: false,
      });
      try {
        await workers.ready();
        const run = await measure(async () => {
          workers.broadcast({ type: 'go' });
          await workers.until(count, ctx.quick ? 60_000 : 600_000);
        });
        return {
          ...run,
          perSec: perSecond(count, run.ms),
          duplicates: workers.duplicates,
          errors: workers.errors,
        };
      } finally {
        await workers.stop();
        for (const w of workers.warnings) ctx.warn(`${system} ${procs} worker process(es): ${w}`);
      }
    }

    const results: Record<
      string,
      Record<System, { perSec: number; ms: number; load1: number; extra?: unknown }>
    > = {
      addBulk: {} as never,
      process1: {} as never,
      process4: {} as never,
      ioWorker: {} as never,
      ioCli: {} as never,
    };
    /** What deduplication and priority levels cost, beside the plain Sharq rows of this same run. */
    const features: Record<string, { perSec: number; ms: number; load1: number }> = {};
    const addLatency = {} as Record<System, ReturnType<typeof summarize>>;
    try {
      for (const system of ['sharq', 'bullmq'] as const) {
        ctx.log(`${system}: addBulk ${jobs} jobs (chunks of ${chunk})`);
        const { adder, queue } = await newAdder(system);
        const added = await measure(() => addAll(adder, jobs, chunk));
        await adder.close();
        results.addBulk![system] = {
          perSec: perSecond(jobs, added.ms),
          ms: added.ms,
          load1: added.load1After,
        };
        ctx.log(`${system}: 1 worker process x ${concurrency}`);
        const p1 = await processWith(system, queue, 1);
        results.process1![system] = { perSec: p1.perSec, ms: p1.ms, load1: p1.load1After };
        if (p1.errors.length > 0) problems.push(...p1.errors.map((e) => `${system} 1 worker: ${e}`));
      }
      {
        ctx.log(`sharq: addBulk ${jobs} jobs with deduplicateJobIds (a jobId each)`);
        const queue = await sharqQueue(brokers, `e2e-${ctx.runId}-${seq++}`, { deduplicateJobIds: true });
        const added = await measure(async () => {
          for (let from = 0; from < jobs; from += chunk)
            await queue.addBulk(
              bulk(from, Math.min(jobs, from + chunk)).map((job) => ({
                ...job,
                opts: { jobId: `j-${job.data.i}` },
              })),
            );
        });
        await queue.close();
        features.dedupAdd = { perSec: perSecond(jobs, added.ms), ms: added.ms, load1: added.load1After };
      }
      {
        const name = `e2e-${ctx.runId}-${seq++}`;
        const queue = await sharqQueue(brokers, name, { priorities: PRIORITIES });
        await addAll(queue, jobs, chunk);
        await queue.close();
        ctx.log(
          `sharq: priorities: ${PRIORITIES}, every job at the lowest level, 1 worker process x ${concurrency}`,
        );
        const run = await processWith('sharq', name, 1, jobs, { priorities: PRIORITIES });
        features.prioritiesProcess1 = { perSec: run.perSec, ms: run.ms, load1: run.load1After };
        if (run.errors.length > 0) problems.push(...run.errors.map((e) => `sharq priorities: ${e}`));
      }
      {
        const name = `e2e-${ctx.runId}-${seq++}`;
        const queue = await sharqQueue(brokers, name, { ordering: 'key' });
        for (let from = 0; from < jobs; from += chunk)
          await queue.addBulk(
            bulk(from, Math.min(jobs, from + chunk)).map((job) => ({
              ...job,
              opts: { orderingKey: `k${job.data.i % ORDERING_KEYS}` },
            })),
          );
        await queue.close();
        ctx.log(`sharq: ordering: 'key', ${ORDERING_KEYS} keys, 1 worker process x ${concurrency}`);
        const run = await processWith('sharq', name, 1, jobs, { ordering: 'key' });
        features.orderedProcess1 = { perSec: run.perSec, ms: run.ms, load1: run.load1After };
        if (run.errors.length > 0) problems.push(...run.errors.map((e) => `sharq ordering: ${e}`));
      }
      for (const system of ['sharq', 'bullmq'] as const) {
        const { adder, queue } = await newAdder(system);
        await addAll(adder, jobs, chunk);
        await adder.close();
        ctx.log(`${system}: 4 worker processes x ${concurrency}`);
        const p4 = await processWith(system, queue, 4);
        results.process4![system] = { perSec: p4.perSec, ms: p4.ms, load1: p4.load1After };
        if (p4.errors.length > 0) problems.push(...p4.errors.map((e) => `${system} 4 workers: ${e}`));
      }
      // I/O-bound jobs: the in-process Worker, then `sharq worker` with its defaults (thread isolation),
      // against BullMQ's in-process Worker (its row is repeated beside both).
      for (const system of ['sharq', 'bullmq'] as const) {
        const { adder, queue } = await newAdder(system);
        await addAll(adder, ioJobs, chunk, IO_JOB_MS);
        await adder.close();
        ctx.log(`${system}: 1 worker process x ${concurrency}, ${ioJobs} jobs of ${IO_JOB_MS} ms`);
        const io = await processWith(system, queue, 1, ioJobs);
        results.ioWorker![system] = { perSec: io.perSec, ms: io.ms, load1: io.load1After };
        if (io.errors.length > 0) problems.push(...io.errors.map((e) => `${system} I/O worker: ${e}`));
      }
      {
        const { adder, queue } = await newAdder('sharq');
        await addAll(adder, ioJobs, chunk, IO_JOB_MS);
        await adder.close();
        ctx.log(
          `sharq: \`sharq worker\` (defaults) --concurrency ${concurrency}, ${ioJobs} jobs of ${IO_JOB_MS} ms`,
        );
        try {
          const cli = await runCliWorker({
            queue,
            brokers,
            jobs: ioJobs,
            concurrency,
            timeoutMs: ctx.quick ? 60_000 : 300_000,
            log: ctx.log,
          });
          results.ioCli!.sharq = cli;
          if (results.ioWorker?.bullmq) results.ioCli!.bullmq = results.ioWorker.bullmq;
        } catch (error) {
          problems.push(`sharq worker (CLI): ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      for (const system of ['sharq', 'bullmq'] as const) {
        ctx.log(`${system}: ${singleAdds} sequential add() calls`);
        const { adder } = await newAdder(system);
        const samples: number[] = [];
        for (let i = 0; i < singleAdds; i++) {
          const t = performance.now();
          await adder.add('noop', { i });
          samples.push(performance.now() - t);
        }
        await adder.close();
        addLatency[system] = summarize(samples);
      }
    } finally {
      await kafka.stop();
      await dropRedisPrefix(ctx.redisUrl, prefix);
    }

    const rows: (string | number)[][] = [];
    const label: Record<string, string> = {
      addBulk: `addBulk (chunks of ${chunk})`,
      process1: `process, 1 worker × ${concurrency}`,
      process4: `process, 4 worker processes × ${concurrency}`,
      ioWorker: `I/O-bound (${IO_JOB_MS} ms), 1 Worker × ${concurrency} in process`,
      ioCli: `I/O-bound (${IO_JOB_MS} ms), \`sharq worker\` defaults × ${concurrency} (BullMQ: in process)`,
    };
    for (const key of ['addBulk', 'process1', 'process4', 'ioWorker', 'ioCli']) {
      const s = results[key]?.sharq;
      const b = results[key]?.bullmq;
      if (!s || !b) continue;
      rows.push([
        label[key] ?? key,
        fmt(s.perSec),
        fmt(b.perSec),
        ratio(s.perSec, b.perSec),
        `${s.load1} / ${b.load1}`,
      ]);
    }
    const throughput: Table = {
      title: `${fmt(jobs)} no-op jobs: jobs/s (Sharq on Kafka ${'4.4.0'}, 1 partition; BullMQ ${BULLMQ_VERSION} on Redis)`,
      headers: ['phase', 'Sharq jobs/s', 'BullMQ jobs/s', 'Sharq / BullMQ', 'load1 after (S / B)'],
      rows,
    };
    const latency: Table = {
      title: `single add() latency, ${singleAdds} sequential calls (ms)`,
      headers: ['system', 'p50', 'p95', 'p99', 'max'],
      rows: (['sharq', 'bullmq'] as const).map((s) => [
        s === 'sharq' ? 'Sharq' : 'BullMQ',
        fmt(addLatency[s]?.p50 ?? Number.NaN, 2),
        fmt(addLatency[s]?.p95 ?? Number.NaN, 2),
        fmt(addLatency[s]?.p99 ?? Number.NaN, 2),
        fmt(addLatency[s]?.max ?? Number.NaN, 2),
      ]),
    };
    const plainAdd = results.addBulk?.sharq;
    const plainProcess = results.process1?.sharq;
    const costRows: (string | number)[][] = [];
    for (const [label, feature, plain] of [
      [`addBulk, deduplicateJobIds (a jobId per job)`, features.dedupAdd, plainAdd],
      [
        `process, 1 worker × ${concurrency}, priorities: ${PRIORITIES} (all at the lowest level)`,
        features.prioritiesProcess1,
        plainProcess,
      ],
      [
        `process, 1 worker × ${concurrency}, ordering: 'key' (${fmt(ORDERING_KEYS)} keys, round-robin)`,
        features.orderedProcess1,
        plainProcess,
      ],
    ] as const) {
      if (!feature || !plain) continue;
      costRows.push([
        label,
        fmt(feature.perSec),
        fmt(plain.perSec),
        ratio(feature.perSec, plain.perSec),
        `${feature.load1} / ${plain.load1}`,
      ]);
    }
    const cost: Table = {
      title: `${fmt(jobs)} no-op jobs: what deduplication, priority levels and key order cost (Sharq vs plain Sharq, same run)`,
      headers: ['phase', 'with the feature jobs/s', 'plain jobs/s', 'feature / plain', 'load1 after (F / P)'],
      rows: costRows,
    };
    const keys = ['addBulk', 'process1', 'process4'];
    return {
      tables: [throughput, latency, cost],
      charts: [
        {
          file: 'e2e-throughput',
          title: `End-to-end: ${fmt(jobs)} no-op jobs, Sharq vs BullMQ (jobs/s, higher is better)`,
          type: 'bar',
          labels: keys.map((k) => label[k] ?? k),
          series: [
            { label: 'Sharq (Kafka share group)', data: keys.map((k) => results[k]?.sharq?.perSec ?? null) },
            {
              label: `BullMQ ${BULLMQ_VERSION} (Redis)`,
              data: keys.map((k) => results[k]?.bullmq?.perSec ?? null),
              peer: true,
            },
          ],
          yLabel: 'jobs/s',
        },
      ],
      data: {
        jobs,
        chunk,
        concurrency,
        singleAdds,
        ioJobs,
        ioJobMs: IO_JOB_MS,
        results,
        addLatency,
        features,
      },
      versions: { bullmq: BULLMQ_VERSION },
      problems,
      notes: [
        'BullMQ jobs use removeOnComplete (Sharq keeps nothing for a completed job either).',
        'Sharq add() waits for acks=all on the broker; BullMQ add() waits for one Redis round trip (no fsync).',
        `I/O-bound rows: ${fmt(ioJobs)} jobs that each await ${IO_JOB_MS} ms; the ideal is ${fmt((concurrency * 1000) / IO_JOB_MS)} jobs/s. The \`sharq worker\` row is timed from its first job start (CLI start-up excluded); its BullMQ column repeats BullMQ's in-process run.`,
      ],
    };
  },
};
