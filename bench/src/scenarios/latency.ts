/**
 * Scenario 5: latency at a steady rate (1000 jobs/s): single add() calls paced by the producer (Sharq
 * coalesces concurrent adds into batches by itself), one worker process at concurrency 50 already waiting.
 * enqueue→start (processor entered) and enqueue→complete (completion confirmed), p50/p95/p99.
 * Jobs enqueued during the first second are warm-up and not counted.
 */
import { dropRedisPrefix, startBenchKafka } from '../env/services.js';
import { warmUpBroker } from '../env/warmup.js';
import { BULLMQ_VERSION, bullQueue } from '../peers/bullmq.js';
import { sharqQueue } from '../peers/sharq.js';
import { nowMs } from '../procs/protocol.js';
import { fmt, ratio, type Table } from '../report/table.js';
import type { Scenario, ScenarioContext, ScenarioResult } from '../scenario.js';
import { loadAverage } from '../env/machine.js';
import { paced } from '../util/pacer.js';
import { summarize } from '../util/stats.js';
import { sleep } from '../util/time.js';
import { WorkerProcs } from '../util/worker-procs.js';

type System = 'sharq' | 'bullmq';
type Summary = ReturnType<typeof summarize>;

export const latencyScenario: Scenario = {
  id: 'latency',
  title: 'Latency at a steady rate: enqueue→start and enqueue→complete',
  async run(ctx: ScenarioContext): Promise<ScenarioResult> {
    const rate = ctx.quick ? 200 : 1_000;
    const seconds = ctx.quick ? 4 : 20;
    const jobs = rate * seconds;
    const warmup = rate;
    const prefix = `sharqbench-${ctx.runId}-lat`;
    const problems: string[] = [];
    const kafka = await startBenchKafka(ctx.log);
    if (!ctx.quick) await warmUpBroker(kafka.brokers, ctx.runId, ctx.log);
    const out: Partial<Record<System, { start: Summary; complete: Summary; load1: number }>> = {};

    async function run(system: System): Promise<void> {
      const name = `lat-${ctx.runId}-${system}`;
      const enqueuedAt = new Float64Array(jobs);
      let add: (i: number) => Promise<unknown>;
      let close: () => Promise<void>;
      if (system === 'sharq') {
        const q = await sharqQueue(kafka.brokers, name);
        add = (i) => {
          enqueuedAt[i] = nowMs();
          return q.add('job', { i, t: enqueuedAt[i] });
        };
        close = () => q.close();
      } else {
        const q = bullQueue({ redisUrl: ctx.redisUrl, prefix }, name);
        await q.waitUntilReady();
        add = (i) => {
          enqueuedAt[i] = nowMs();
          return q.add('job', { i, t: enqueuedAt[i] });
        };
        close = () => q.close();
      }
      const procs = new WorkerProcs(jobs, ctx.log);
      procs.spawn(1, {
        system,
        queue: name,
        concurrency: 50,
        brokers: kafka.brokers,
        redisUrl: ctx.redisUrl,
        prefix,
        jobMs: 0,
        timings: true,
      });
      try {
        await procs.ready();
        procs.broadcast({ type: 'go' });
        // Let the worker join its group and settle into its idle long-poll before the clock starts.
        await sleep(3_000);
        ctx.log(`${system}: ${rate} jobs/s for ${seconds} s`);
        const { errors } = await paced(rate, jobs, add);
        if (errors > 0) problems.push(`${system}: ${errors} add() calls failed`);
        await procs.until(jobs, 120_000);
      } finally {
        await procs.stop();
        await close();
      }
      problems.push(...procs.errors.map((e) => `${system}: ${e}`));
      for (const w of procs.warnings) ctx.warn(`${system}: ${w}`);
      const toStart: number[] = [];
      const toComplete: number[] = [];
      for (let i = warmup; i < jobs; i++) {
        toStart.push((procs.startAt[i] as number) - (enqueuedAt[i] as number));
        toComplete.push((procs.completeAt[i] as number) - (enqueuedAt[i] as number));
      }
      out[system] = { start: summarize(toStart), complete: summarize(toComplete), load1: loadAverage()[0] };
    }

    try {
      await run('sharq');
      await run('bullmq');
    } finally {
      await kafka.stop();
      await dropRedisPrefix(ctx.redisUrl, prefix);
    }
    const line = (label: string, s: Summary | undefined) => [
      label,
      fmt(s?.p50 ?? Number.NaN, 1),
      fmt(s?.p95 ?? Number.NaN, 1),
      fmt(s?.p99 ?? Number.NaN, 1),
      fmt(s?.max ?? Number.NaN, 1),
    ];
    const table: Table = {
      title: `${fmt(rate)} jobs/s for ${seconds} s, single add() calls, 1 worker × 50 (ms)`,
      headers: ['measure', 'p50', 'p95', 'p99', 'max'],
      rows: [
        line('Sharq enqueue→start', out.sharq?.start),
        line('BullMQ enqueue→start', out.bullmq?.start),
        line('Sharq enqueue→complete', out.sharq?.complete),
        line('BullMQ enqueue→complete', out.bullmq?.complete),
        [
          'Sharq / BullMQ p99 enqueue→start',
          ratio(out.sharq?.start.p99 ?? Number.NaN, out.bullmq?.start.p99 ?? Number.NaN),
          '',
          '',
          `load1 ${out.sharq?.load1} / ${out.bullmq?.load1}`,
        ],
      ],
    };
    const pick = (s: Summary | undefined) => [s?.p50 ?? null, s?.p95 ?? null, s?.p99 ?? null];
    return {
      tables: [table],
      charts: [
        {
          file: 'latency',
          title: `Latency at ${fmt(rate)} jobs/s (ms, lower is better)`,
          type: 'bar',
          labels: ['enqueue→start p50', 'p95', 'p99', 'enqueue→complete p50', 'p95', 'p99'],
          series: [
            { label: 'Sharq', data: [...pick(out.sharq?.start), ...pick(out.sharq?.complete)] },
            {
              label: `BullMQ ${BULLMQ_VERSION}`,
              data: [...pick(out.bullmq?.start), ...pick(out.bullmq?.complete)],
              peer: true,
            },
          ],
          yLabel: 'ms',
        },
      ],
      data: { rate, seconds, warmup, out },
      versions: { bullmq: BULLMQ_VERSION },
      problems,
      notes: [
        'Timestamps: the producer stamps each job just before add(); the worker process stamps processor entry and the completed event (same machine clock).',
        'Sharq enqueue includes the acks=all produce; a job can start only after the broker has it durably.',
      ],
    };
  },
};
