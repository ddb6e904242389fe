/**
 * Scenario 2: head-of-line blocking. One partition, F fast jobs (5 ms) with, near the head, one slow job
 * (30 s) — or, separately, one job that fails every attempt (3 attempts, 1 s fixed backoff). Time from the
 * first job start until every fast job is done, for Sharq (one worker, concurrency 8) and a kafkajs classic
 * consumer group (which owns the partition with one consumer and retries inline). Compared with a baseline
 * run without the special job.
 */
import { startBenchKafka } from '../env/services.js';
import { warmUpBroker } from '../env/warmup.js';
import { classicTopic } from '../peers/classic.js';
import { sharqQueue } from '../peers/sharq.js';
import type { BenchJobData } from '../procs/protocol.js';
import { fmt, type Table } from '../report/table.js';
import type { Scenario, ScenarioContext, ScenarioResult } from '../scenario.js';
import { WorkerProcs } from '../util/worker-procs.js';

type Variant = 'baseline' | 'slow' | 'poison';
const FAST_MS = 5;
const SHARQ_CONCURRENCY = 8;
const ATTEMPTS = 3;
const BACKOFF_MS = 1_000;

function pct(value: number, base: number): string {
  if (!Number.isFinite(value) || !Number.isFinite(base) || base <= 0) return 'n/a';
  const change = ((value - base) / base) * 100;
  return `${change >= 0 ? '+' : ''}${change.toFixed(1)} %`;
}

export const headOfLineScenario: Scenario = {
  id: 'head-of-line',
  title: 'Head-of-line blocking: one slow or poisonous job near the head of a partition',
  async run(ctx: ScenarioContext): Promise<ScenarioResult> {
    const fast = ctx.quick ? 200 : 2_000;
    const slowMs = ctx.quick ? 3_000 : 30_000;
    const headAt = 10;
    const problems: string[] = [];
    const kafka = await startBenchKafka(ctx.log);
    if (!ctx.quick) await warmUpBroker(kafka.brokers, ctx.runId, ctx.log);
    const brokers = kafka.brokers;
    const results: Record<'sharq' | 'classic', Partial<Record<Variant, number>>> = { sharq: {}, classic: {} };
    const baselines: Record<'sharq' | 'classic', number[]> = { sharq: [], classic: [] };
    let seq = 0;

    async function run(system: 'sharq' | 'classic', variant: Variant): Promise<number> {
      // The special job has index `fast` (outside the counted range): only the fast jobs are awaited.
      const data: BenchJobData[] = Array.from({ length: fast }, (_, i) => ({ i }));
      if (variant !== 'baseline') {
        data.splice(headAt, 0, variant === 'slow' ? { i: fast, ms: slowMs } : { i: fast, fail: true });
      }
      const name = `hol-${ctx.runId}-${seq++}`;
      if (system === 'sharq') {
        const queue = await sharqQueue(brokers, name);
        await queue.addBulk(
          data.map((d) => ({
            name: 'job',
            data: d,
            opts: { attempts: ATTEMPTS, backoff: { type: 'fixed', delay: BACKOFF_MS } },
          })),
        );
        await queue.close();
      } else await classicTopic(brokers, name, 1, data);
      const procs = new WorkerProcs(fast, ctx.log);
      procs.spawn(1, {
        system,
        queue: name,
        groupId: `${name}-classic`,
        concurrency: system === 'sharq' ? SHARQ_CONCURRENCY : 1,
        brokers,
        jobMs: FAST_MS,
        timings: true,
        delayForwarder: system === 'sharq',
        classicAttempts: ATTEMPTS,
        classicBackoffMs: BACKOFF_MS,
        // With kafkajs' 30 s default a 30 s job outlives the session: the member is evicted, the record
        // redelivered, forever (seen in the first run). Give the classic peer a session that outlasts the job.
        classicSessionTimeoutMs: slowMs * 2 + 10_000,
      });
      try {
        await procs.ready();
        procs.broadcast({ type: 'go' });
        await procs.until(fast, slowMs * 3 + 120_000);
      } finally {
        await procs.stop();
      }
      // Failing attempts are reported by the worker as errors only when something broke, not for the job itself.
      problems.push(...procs.errors.map((e) => `${system} ${variant}: ${e}`));
      for (const w of procs.warnings) ctx.warn(`${system}: ${w}`);
      const { firstStart } = procs.rateFromTimings(Number.POSITIVE_INFINITY);
      let last = firstStart;
      for (const at of procs.completeAt) if (at > last) last = at;
      const ms = last - firstStart;
      ctx.log(`${system} ${variant}: ${fast} fast jobs done in ${fmt(ms)} ms`);
      return ms;
    }

    try {
      // The baseline runs first AND last (runs drift on a shared machine); the table uses their mean.
      for (const variant of ['baseline', 'slow', 'poison', 'baseline'] as const) {
        for (const system of ['sharq', 'classic'] as const) {
          const ms = await run(system, variant);
          baselines[system].push(...(variant === 'baseline' ? [ms] : []));
          results[system][variant] =
            variant === 'baseline'
              ? baselines[system].reduce((a, b) => a + b, 0) / baselines[system].length
              : ms;
        }
      }
    } finally {
      await kafka.stop();
    }
    const row = (label: string, r: Partial<Record<Variant, number>>) => [
      label,
      fmt(r.baseline ?? Number.NaN),
      fmt(r.slow ?? Number.NaN),
      pct(r.slow ?? Number.NaN, r.baseline ?? Number.NaN),
      fmt(r.poison ?? Number.NaN),
      pct(r.poison ?? Number.NaN, r.baseline ?? Number.NaN),
    ];
    const table: Table = {
      title: `1 partition, ${fmt(fast)} jobs of ${FAST_MS} ms; time until every fast job is done (ms)`,
      headers: [
        'system',
        'baseline (mean of first and last run)',
        `with one ${slowMs / 1000} s job at #${headAt}`,
        'change',
        `with one always-failing job at #${headAt}`,
        'change',
      ],
      rows: [
        row(`Sharq (1 worker, concurrency ${SHARQ_CONCURRENCY})`, results.sharq),
        row('kafkajs classic group (partition owner, 1 at a time)', results.classic),
      ],
    };
    const variants: Variant[] = ['baseline', 'slow', 'poison'];
    return {
      tables: [table],
      charts: [
        {
          file: 'head-of-line',
          title: `Head-of-line: time until ${fmt(fast)} fast jobs are done (ms, lower is better)`,
          type: 'bar',
          labels: [
            'baseline',
            `one ${slowMs / 1000} s job near the head`,
            'one always-failing job near the head',
          ],
          series: [
            { label: 'Sharq (share group)', data: variants.map((v) => results.sharq[v] ?? null) },
            {
              label: 'kafkajs classic consumer group',
              data: variants.map((v) => results.classic[v] ?? null),
              peer: true,
            },
          ],
          yLabel: 'ms',
        },
      ],
      data: {
        baselines,
        fast,
        fastMs: FAST_MS,
        slowMs,
        headAt,
        attempts: ATTEMPTS,
        backoffMs: BACKOFF_MS,
        results,
      },
      versions: { kafkajs: '2.2.4' },
      problems,
      notes: [
        `The failing job: ${ATTEMPTS} attempts with a ${BACKOFF_MS} ms fixed backoff on both sides (Sharq re-enqueues to a delay topic; the classic consumer sleeps inline, the usual pattern without retry topics).`,
        "A classic group cannot run a partition's records in parallel without giving up its commit model, so it processes one at a time.",
        `The classic consumer gets a ${(slowMs * 2 + 10_000) / 1000} s session timeout: with the kafkajs default (30 s) the 30 s job outlives its session and is redelivered in a loop (seen on the first full run).`,
      ],
    };
  },
};
