/**
 * Scenario 5: latency at steady rates (1,000 and 10,000 jobs/s): single add() calls paced by the producer
 * (Sharq coalesces concurrent adds into batches by itself), one worker process at concurrency 50 already
 * waiting. enqueue→start (processor entered) and enqueue→complete (completion confirmed), p50/p95/p99.
 * For Sharq, enqueue→start is split at the moment add() resolved (the broker acked the record, acks=all):
 * add→acked (the produce) and acked→start (the broker has it → the processor runs). acked→start can be
 * negative: a worker's fetch may return the record before the producer's promise has resolved.
 * Jobs enqueued during the first second of each rate are warm-up and not counted. Each (system, rate)
 * run has its own queue and worker process, and records the load average at its start.
 */
import { dropRedisPrefix, startBenchKafka } from '../env/services.js';
import { warmUpBroker } from '../env/warmup.js';
import { BULLMQ_VERSION, bullQueue } from '../peers/bullmq.js';
import { sharqQueue } from '../peers/sharq.js';
import { nowMs } from '../procs/protocol.js';
import { fmt, ratio, type Table } from '../report/table.js';
import type { Scenario, ScenarioContext, ScenarioResult } from '../scenario.js';
import { type LoadAtStart, loadAtStart, loadCell } from '../report/noisy.js';
import { paced } from '../util/pacer.js';
import { summarize } from '../util/stats.js';
import { sleep } from '../util/time.js';
import { WorkerProcs } from '../util/worker-procs.js';

type System = 'sharq' | 'bullmq';
type Summary = ReturnType<typeof summarize>;

interface Plan {
  /** Jobs per second, added as single add() calls. */
  rate: number;
  seconds: number;
}

interface Measured extends LoadAtStart {
  start: Summary;
  complete: Summary;
  /** Sharq only: add() call → add() resolved, and add() resolved → processor entered. */
  acked?: Summary;
  ackedToStart?: Summary;
  /** Jobs after the warm-up second. */
  counted: number;
}

interface RateResult extends Plan {
  warmup: number;
  sharq: Measured;
  bullmq: Measured;
}

export const latencyScenario: Scenario = {
  id: 'latency',
  title: 'Latency at a steady rate: enqueue→start and enqueue→complete',
  async run(ctx: ScenarioContext): Promise<ScenarioResult> {
    // Quick mode keeps both rows (the code paths) at rates a CI machine sustains in a few seconds.
    const plans: Plan[] = ctx.quick
      ? [
          { rate: 200, seconds: 3 },
          { rate: 1_000, seconds: 2 },
        ]
      : [
          { rate: 1_000, seconds: 20 },
          { rate: 10_000, seconds: 10 },
        ];
    const prefix = `sharqbench-${ctx.runId}-lat`;
    const problems: string[] = [];
    const kafka = await startBenchKafka(ctx.log);
    if (!ctx.quick) await warmUpBroker(kafka.brokers, ctx.runId, ctx.log);
    const results: RateResult[] = [];

    async function run(system: System, { rate, seconds }: Plan): Promise<Measured> {
      const jobs = rate * seconds;
      const warmup = rate;
      const name = `lat-${ctx.runId}-${system}-${rate}`;
      const enqueuedAt = new Float64Array(jobs);
      const ackedAt = new Float64Array(jobs).fill(Number.NaN);
      let add: (i: number) => Promise<unknown>;
      let close: () => Promise<void>;
      if (system === 'sharq') {
        const q = await sharqQueue(kafka.brokers, name);
        add = async (i) => {
          enqueuedAt[i] = nowMs();
          const job = await q.add('job', { i, t: enqueuedAt[i] });
          ackedAt[i] = nowMs();
          return job;
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
      let load: LoadAtStart | undefined;
      try {
        await procs.ready();
        procs.broadcast({ type: 'go' });
        // Let the worker join its group and settle into its idle long-poll before the clock starts.
        await sleep(3_000);
        ctx.log(`${system}: ${rate} jobs/s for ${seconds} s`);
        load = loadAtStart();
        const { errors } = await paced(rate, jobs, add);
        if (errors > 0) problems.push(`${system}: ${errors} add() calls failed`);
        await procs.until(jobs, ctx.quick ? 60_000 : 180_000);
      } finally {
        await procs.stop();
        await close();
      }
      problems.push(...procs.errors.map((e) => `${system}: ${e}`));
      for (const w of procs.warnings) ctx.warn(`${system}: ${w}`);
      const toStart: number[] = [];
      const toComplete: number[] = [];
      const toAcked: number[] = [];
      const ackedToStart: number[] = [];
      for (let i = warmup; i < jobs; i++) {
        const enqueued = enqueuedAt[i] as number;
        const started = procs.startAt[i] as number;
        toStart.push(started - enqueued);
        toComplete.push((procs.completeAt[i] as number) - enqueued);
        const acked = ackedAt[i] as number;
        if (!Number.isNaN(acked)) {
          toAcked.push(acked - enqueued);
          ackedToStart.push(started - acked);
        }
      }
      return {
        ...(load ?? loadAtStart()),
        start: summarize(toStart),
        complete: summarize(toComplete),
        ...(system === 'sharq' ? { acked: summarize(toAcked), ackedToStart: summarize(ackedToStart) } : {}),
        counted: toStart.length,
      };
    }

    try {
      for (const plan of plans) {
        const sharq = await run('sharq', plan);
        const bullmq = await run('bullmq', plan);
        results.push({ ...plan, warmup: plan.rate, sharq, bullmq });
      }
    } finally {
      await kafka.stop();
      await dropRedisPrefix(ctx.redisUrl, prefix);
    }
    const cells = (s: Summary) => [fmt(s.p50, 1), fmt(s.p95, 1), fmt(s.p99, 1), fmt(s.max, 1)];
    const table: Table = {
      title: 'steady rate of single add() calls, 1 worker × 50: enqueue→start and enqueue→complete (ms)',
      headers: ['rate', 'measure', 'p50', 'p95', 'p99', 'max', 'load1 at start'],
      rows: results.flatMap((r) => {
        const rate = `${fmt(r.rate)} jobs/s, ${r.seconds} s`;
        return [
          [rate, 'Sharq enqueue→start', ...cells(r.sharq.start), loadCell(r.sharq.load1AtStart)],
          ...(r.sharq.acked && r.sharq.ackedToStart
            ? [
                [rate, '  of which Sharq add→acked (produce)', ...cells(r.sharq.acked), ''],
                [rate, '  of which Sharq acked→start', ...cells(r.sharq.ackedToStart), ''],
              ]
            : []),
          [rate, 'BullMQ enqueue→start', ...cells(r.bullmq.start), loadCell(r.bullmq.load1AtStart)],
          [rate, 'Sharq enqueue→complete', ...cells(r.sharq.complete), ''],
          [rate, 'BullMQ enqueue→complete', ...cells(r.bullmq.complete), ''],
          [
            rate,
            'Sharq / BullMQ p99 enqueue→start',
            '',
            '',
            ratio(r.sharq.start.p99, r.bullmq.start.p99),
            '',
            '',
          ],
        ];
      }),
    };
    const pick = (s: Summary) => [s.p50, s.p95, s.p99];
    return {
      tables: [table],
      charts: results.map((r) => ({
        file: r === results[0] ? 'latency' : `latency-${r.rate}`,
        title: `Latency at ${fmt(r.rate)} jobs/s (ms, lower is better)`,
        type: 'bar' as const,
        labels: ['enqueue→start p50', 'p95', 'p99', 'enqueue→complete p50', 'p95', 'p99'],
        series: [
          { label: 'Sharq', data: [...pick(r.sharq.start), ...pick(r.sharq.complete)] },
          {
            label: `BullMQ ${BULLMQ_VERSION}`,
            data: [...pick(r.bullmq.start), ...pick(r.bullmq.complete)],
            peer: true,
          },
        ],
        yLabel: 'ms',
      })),
      data: { plans, noisy: results.some((r) => r.sharq.noisy || r.bullmq.noisy), results },
      versions: { bullmq: BULLMQ_VERSION },
      problems,
      notes: [
        'Timestamps: the producer stamps each job just before add(); the worker process stamps processor entry and the completed event (same machine clock).',
        'Sharq enqueue includes the acks=all produce; a job can start only after the broker has it durably.',
        'Sharq split: add→acked is add() called → add() resolved (the acks=all produce); acked→start is add() resolved → processor entered. Percentiles of the parts do not add up to those of the whole; acked→start can be negative (the worker may start a job before the producer process has run the add() continuation).',
        'Each rate runs Sharq then BullMQ, each on a fresh queue and worker process; the first second of jobs is warm-up and not counted.',
        '"(noisy)": load1 above 2 when that run started: not evidence for or against a goal.',
      ],
    };
  },
};
