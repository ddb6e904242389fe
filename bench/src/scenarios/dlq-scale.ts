/**
 * Scenario 7: dlq-scale. A DLQ of 100,000 dead jobs (10,000 with --quick), listed the way the dashboard
 * lists it: core's DeadJobIndex, which reads the DLQ once and then only what is appended. Measured:
 *   cold      the first page after start (index build + page)
 *   pages     a request for a random page as the dashboard serves it: refresh(maxAge 1 s, the default
 *             dashboard's) + list, p50/p95 over 50 requests; and a forced catch-up with nothing new
 *   filters   name / reason / text filters, same
 *   memory    heap held by the index after a forced GC (what the dashboard keeps per dead job)
 *   old path  one listDeadJobs call (the whole topic per request), for comparison
 *   replay    replaying a filter that matches 10 % of the DLQ (10,000 jobs), then the index catching up
 * Goals: cold ≤ 5 s, pages and filters p95 ≤ 300 ms.
 */
import {
  DeadJobIndex,
  type DeadJobIndexListOptions,
  deadLetterRecord,
  encodeEnvelope,
  type JobEnvelope,
  listDeadJobs,
  type QueueTopology,
  replayDeadJobs,
  type StoredRecord,
} from '@sharq/core';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startBenchKafka } from '../env/services.js';
import { loadAverage } from '../env/machine.js';
import { sharqQueue } from '../peers/sharq.js';
import { fmt, type Table } from '../report/table.js';
import type { Scenario, ScenarioContext, ScenarioResult } from '../scenario.js';
import { summarize } from '../util/stats.js';

const PRODUCE_CHUNK = 5_000;
/** The dashboard's DLQ staleness bound with its default refresh (2 s / 2). */
const DASHBOARD_MAX_AGE_MS = 1_000;

/** A full GC, so heap numbers measure what is held, not garbage (the flag can be set at run time). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** Dead job i: name email|sms|push by i % 3; reason 'unrecoverable' for i % 10 === 0 (10 %), else 'failed'. */
function deadRecord(topology: QueueTopology, i: number) {
  const envelope: JobEnvelope = {
    v: 1,
    id: `job-${i}`,
    name: ['email', 'sms', 'push'][i % 3] as string,
    data: { n: i, to: `user${i}@example.com`, body: 'x'.repeat(200) },
    opts: { attempts: 3 },
    attemptsMade: 2,
    ts: Date.now(),
  };
  const original: StoredRecord = {
    topic: topology.topic,
    partition: 0,
    offset: i,
    key: Buffer.from(envelope.id),
    value: Buffer.from(encodeEnvelope(envelope).value as string | Buffer),
    headers: {},
    timestamp: envelope.ts,
  };
  return deadLetterRecord({
    record: original,
    envelope,
    reason: i % 10 === 0 ? 'unrecoverable' : 'failed',
    error: {
      message: `upstream refused job ${i}`,
      name: 'Error',
      stack: `Error: upstream refused job ${i}\n    at send`,
    },
    attempts: 3,
    workerId: 'bench-worker',
    failedAt: Date.now(),
  });
}

async function timed<T>(what: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await what();
  return { ms: performance.now() - t0, value };
}

export const dlqScaleScenario: Scenario = {
  id: 'dlq-scale',
  title:
    'DLQ at scale: listing, paging and filtering 100,000 dead jobs (DeadJobIndex, as the dashboard does)',
  async run(ctx: ScenarioContext): Promise<ScenarioResult> {
    const total = ctx.quick ? 10_000 : 100_000;
    const requests = ctx.quick ? 20 : 50;
    const problems: string[] = [];
    const kafka = await startBenchKafka(ctx.log);
    try {
      const queue = await sharqQueue(kafka.brokers, `dlq-${ctx.runId}`);
      const { engine, topology } = queue;
      try {
        const fill = await timed(async () => {
          for (let from = 0; from < total; from += PRODUCE_CHUNK) {
            const n = Math.min(PRODUCE_CHUNK, total - from);
            await engine.produce(
              topology.dlqTopic,
              Array.from({ length: n }, (_, k) => deadRecord(topology, from + k)),
            );
          }
        });
        ctx.log(`${fmt(total)} dead jobs written in ${fmt(fill.ms)} ms`);

        collectGarbage();
        const heapBefore = process.memoryUsage().heapUsed;
        const index = new DeadJobIndex(engine, topology);
        const cold = await timed(async () => {
          await index.refresh();
          return index.list({ limit: 20 });
        });
        collectGarbage();
        const heapMiB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
        if (cold.value.total !== total)
          problems.push(`index lists ${cold.value.total} of ${total} dead jobs`);
        ctx.log(`cold first page: ${fmt(cold.ms)} ms, index heap ≈ ${fmt(heapMiB, 1)} MiB`);

        const request = async (options: DeadJobIndexListOptions) =>
          (
            await timed(async () => {
              await index.refresh(DASHBOARD_MAX_AGE_MS);
              return index.list(options);
            })
          ).ms;
        const pages: number[] = [];
        for (let r = 0; r < requests; r++) {
          const page = Math.floor(Math.random() * (total / 20));
          pages.push(await request({ limit: 20, skip: page * 20 }));
        }
        const filters: number[] = [];
        const filterSet: DeadJobIndexListOptions[] = [
          { limit: 20, filter: { name: 'sms' } },
          { limit: 20, skip: 200, filter: { reason: 'unrecoverable' } },
          { limit: 20, filter: { text: 'user4242' } },
          { limit: 20, filter: { name: 'push', text: 'refused job 9' } },
        ];
        for (let r = 0; r < requests; r++) filters.push(await request(filterSet[r % filterSet.length] ?? {}));
        const catchUps: number[] = [];
        for (let r = 0; r < Math.min(10, requests); r++) {
          index.invalidate();
          catchUps.push((await timed(() => index.refresh())).ms);
        }
        const catchUpStats = summarize(catchUps);
        const pageStats = summarize(pages);
        const filterStats = summarize(filters);

        const old = await timed(() => listDeadJobs(engine, topology, { limit: 20, skip: 20 }));
        if (old.value.total !== total) problems.push(`listDeadJobs lists ${old.value.total} of ${total}`);

        const replayed = await timed(() =>
          replayDeadJobs(engine, topology, { filter: { reason: 'unrecoverable' } }),
        );
        const expectedReplays = total / 10;
        if (replayed.value.replayed.length !== expectedReplays) {
          problems.push(`replayed ${replayed.value.replayed.length} of ${expectedReplays}`);
        }
        const catchUp = await timed(async () => {
          await index.refresh();
          return index.list({ limit: 20, filter: { reason: 'unrecoverable' } });
        });
        if (catchUp.value.total !== 0)
          problems.push(`index still lists ${catchUp.value.total} replayed jobs`);

        const [load1] = loadAverage();
        const table: Table = {
          title: `DLQ of ${fmt(total)} dead jobs (load ${fmt(load1, 1)})`,
          headers: ['measure', 'value', 'goal'],
          rows: [
            ['first page after start (index build)', `${fmt(cold.ms)} ms`, '≤ 5,000 ms'],
            [
              'later page, p50 / p95',
              `${fmt(pageStats.p50, 1)} / ${fmt(pageStats.p95, 1)} ms`,
              'p95 ≤ 300 ms',
            ],
            [
              'filter, p50 / p95',
              `${fmt(filterStats.p50, 1)} / ${fmt(filterStats.p95, 1)} ms`,
              'p95 ≤ 300 ms',
            ],
            [
              'catch-up with nothing new (at most once a second), p50 / p95',
              `${fmt(catchUpStats.p50, 1)} / ${fmt(catchUpStats.p95, 1)} ms`,
              '–',
            ],
            ['index heap', `≈ ${fmt(heapMiB, 1)} MiB (${fmt((heapMiB * 2 ** 20) / total)} B/job)`, 'bounded'],
            ['old path: listDeadJobs (whole topic per request)', `${fmt(old.ms)} ms`, '–'],
            [`replay a filter of ${fmt(expectedReplays)}`, `${fmt(replayed.ms)} ms`, '–'],
            ['index catch-up after that replay', `${fmt(catchUp.ms)} ms`, '–'],
          ],
        };
        return {
          tables: [table],
          charts: [],
          data: {
            total,
            fillMs: fill.ms,
            coldMs: cold.ms,
            pages: pageStats,
            filters: filterStats,
            catchUps: catchUpStats,
            heapMiB,
            oldListMs: old.ms,
            replayMs: replayed.ms,
            catchUpMs: catchUp.ms,
            load1,
          },
          versions: {},
          problems,
          notes: [
            'Pages and filters are timed as the dashboard serves them: the index catches up with the topics at most once a second, so most requests are answered from memory.',
            'Replay is timed as one replayDeadJobs call; the dashboard runs it in the background and shows its progress.',
          ],
        };
      } finally {
        await queue.close();
      }
    } finally {
      await kafka.stop();
    }
  },
};
