/**
 * Scenario 1: beyond partitions. 50 ms jobs on a 1- and a 4-partition queue, N members (N = 1..32), each
 * running one job at a time: Sharq share-group members (Worker, concurrency 1) vs kafkajs classic consumer
 * group members. Throughput over a fixed window from the first job start (or until the queue drains).
 * Expected shape: Sharq grows with N; the classic group stops at the partition count.
 */
import { startBenchKafka } from '../env/services.js';
import { warmUpBroker } from '../env/warmup.js';
import { loadAverage } from '../env/machine.js';
import { classicTopic } from '../peers/classic.js';
import { sharqQueue } from '../peers/sharq.js';
import type { BenchJobData } from '../procs/protocol.js';
import type { ChartSpec } from '../report/chart.js';
import { fmt, ratio, type Table } from '../report/table.js';
import type { Scenario, ScenarioContext, ScenarioResult } from '../scenario.js';
import { sleep } from '../util/time.js';
import { WorkerProcs } from '../util/worker-procs.js';

const JOB_MS = 50;
/** Time for the members to join and get their assignment before the jobs are produced. */
const SETTLE_MS = 3_000;

interface Point {
  partitions: number;
  members: number;
  sharq: number;
  classic: number;
  load1: number;
}

export const beyondPartitionsScenario: Scenario = {
  id: 'beyond-partitions',
  title: 'Beyond partitions: share-group members vs a classic consumer group',
  async run(ctx: ScenarioContext): Promise<ScenarioResult> {
    const memberCounts = ctx.quick ? [1, 4] : [1, 2, 4, 8, 16, 32];
    const partitionCounts = ctx.quick ? [1] : [1, 4];
    const windowMs = ctx.quick ? 3_000 : 8_000;
    const problems: string[] = [];
    const points: Point[] = [];
    const kafka = await startBenchKafka(ctx.log);
    if (!ctx.quick) await warmUpBroker(kafka.brokers, ctx.runId, ctx.log);
    const brokers = kafka.brokers;
    let seq = 0;

    async function measure(
      system: 'sharq' | 'classic',
      partitions: number,
      members: number,
    ): Promise<number> {
      // Enough jobs that N ideal members never run dry within the window (quick: they must drain all).
      const jobs = Math.ceil(((members * 1000) / JOB_MS) * (windowMs / 1000) * (ctx.quick ? 0.5 : 1.5));
      const data: BenchJobData[] = Array.from({ length: jobs }, (_, i) => ({ i }));
      const name = `bp-${ctx.runId}-${seq++}`;
      // Topic (and share group) first, empty; members start and settle; only then the jobs arrive, so the
      // window measures steady processing, not N members joining one after another (group churn).
      let fill: () => Promise<void>;
      if (system === 'sharq') {
        const queue = await sharqQueue(brokers, name, { partitions });
        fill = async () => {
          for (let from = 0; from < jobs; from += 5_000) {
            await queue.addBulk(data.slice(from, from + 5_000).map((d) => ({ name: 'job', data: d })));
          }
          await queue.close();
        };
      } else {
        await classicTopic(brokers, name, partitions, []);
        fill = () => classicTopic(brokers, name, partitions, data, { create: false });
      }
      const procs = new WorkerProcs(jobs, ctx.log);
      procs.spawn(1, {
        system,
        queue: name,
        groupId: `${name}-classic`,
        concurrency: 1,
        members,
        brokers,
        jobMs: JOB_MS,
        timings: true,
      });
      try {
        await procs.ready();
        procs.broadcast({ type: 'go' });
        await sleep(SETTLE_MS + members * 150);
        await fill();
        if (ctx.quick) await procs.until(jobs, 60_000);
        else await procs.window(windowMs, 120_000);
      } finally {
        await procs.stop();
      }
      problems.push(...procs.errors.map((e) => `${system} p=${partitions} n=${members}: ${e}`));
      for (const w of procs.warnings) ctx.warn(`${system}: ${w}`);
      const rate = procs.rateFromTimings(ctx.quick ? Number.POSITIVE_INFINITY : windowMs);
      ctx.log(
        `${system} partitions=${partitions} members=${members}: ${fmt(rate.perSec, 1)} jobs/s (${rate.counted} jobs)`,
      );
      return rate.perSec;
    }

    try {
      for (const partitions of partitionCounts) {
        for (const members of memberCounts) {
          const sharq = await measure('sharq', partitions, members);
          const classic = await measure('classic', partitions, members);
          points.push({ partitions, members, sharq, classic, load1: loadAverage()[0] });
        }
      }
    } finally {
      await kafka.stop();
    }

    const tables: Table[] = partitionCounts.map((partitions) => {
      const rows = points.filter((p) => p.partitions === partitions);
      const one = rows.find((p) => p.members === 1)?.sharq ?? Number.NaN;
      return {
        title: `${partitions}-partition queue, ${JOB_MS} ms jobs, one job at a time per member: jobs/s`,
        headers: [
          'members N',
          'Sharq jobs/s',
          'classic group jobs/s',
          'Sharq / classic',
          'Sharq / (N × Sharq N=1)',
          'load1',
        ],
        rows: rows.map((p) => [
          p.members,
          fmt(p.sharq, 1),
          fmt(p.classic, 1),
          ratio(p.sharq, p.classic),
          ratio(p.sharq, p.members * one),
          p.load1,
        ]),
      };
    });
    const charts: ChartSpec[] = partitionCounts.map((partitions) => {
      const rows = points.filter((p) => p.partitions === partitions);
      const one = rows.find((p) => p.members === 1)?.sharq ?? Number.NaN;
      return {
        file: `beyond-partitions-p${partitions}`,
        title: `${partitions}-partition queue, ${JOB_MS} ms jobs: throughput vs members (jobs/s)`,
        type: 'line',
        labels: rows.map((p) => String(p.members)),
        xLabel: 'members (share-group members / classic consumers)',
        series: [
          { label: 'Sharq (share group)', data: rows.map((p) => p.sharq) },
          { label: 'ideal: N × one member', data: rows.map((p) => p.members * one), reference: true },
          { label: 'kafkajs classic consumer group', data: rows.map((p) => p.classic), peer: true },
        ],
        yLabel: 'jobs/s',
      };
    });
    return {
      tables,
      charts,
      data: { jobMs: JOB_MS, windowMs, points },
      versions: { kafkajs: '2.2.4' },
      problems,
      notes: [
        'All members of one system run in one worker process; the broker, the producer and other helpers share the 2 cores.',
        `Members start and settle (${SETTLE_MS / 1000} s + 150 ms per member) before the jobs are produced, so group joins are not measured.`,
        ctx.quick
          ? 'Quick mode drains every job and fails if any is lost.'
          : `Rate = jobs completed within ${windowMs / 1000} s of the first job start.`,
      ],
    };
  },
};
