/**
 * Scenario 7, overload: a producer adds small jobs as fast as it can, far faster than the workers take
 * them. Memory of the producer and of the worker processes must stay bounded (a backlog lives in Kafka,
 * not in RAM), the backlog must drain afterwards, and the lag the Queue reports (waiting + active) must
 * match the truth (added − completed) within what is in flight, all along.
 */
import { Queue } from '@sharq/core';
import { testBrokers } from '@sharq/testkit';
import { produceJobs } from '../harness/producer.js';
import { ProgressMonitor, waitForCompletion } from '../harness/progress.js';
import { finishReport, type ScenarioReport } from '../harness/report.js';
import { type RunOptions, sleep, workspace } from '../harness/scenario.js';
import { WorkerFleet } from '../harness/worker-fleet.js';
import { account, readLedger } from '../ledger/ledger.js';

const MB = 1024 * 1024;
const WORKERS = 2;
const CONCURRENCY = 50;
/** IN_FLIGHT_BUDGET / 2 in the worker's acquisition window. */
const PREFETCH_WINDOW_MAX = 900;

export async function run(options: RunOptions): Promise<ScenarioReport> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const brokers = options.brokers ?? testBrokers();
  const ws = workspace('overload');
  const total = options.quick ? 50_000 : 1_000_000;
  const queue = new Queue(ws.queue, {
    connection: { brokers },
    partitions: 2,
    batch: { lingerMs: 5, maxSize: 5_000 },
  });
  await queue.waitUntilReady();
  const fleet = new WorkerFleet(
    (index) => ({
      brokers,
      queue: ws.queue,
      concurrency: CONCURRENCY,
      lockDurationMs: 10_000,
      partitions: 2,
      ledger: ws.ledger,
      tag: `w${index}`,
      sleepMs: 2,
    }),
    WORKERS,
  );
  const monitor = new ProgressMonitor(ws.ledger);
  const problems: string[] = [];
  let added = 0;
  let producerPeakRss = 0;
  let maxBacklog = 0;
  const lagErrors: number[] = [];
  let lagSamples = 0;
  let sampling = true;
  try {
    await fleet.waitReady();
    const rssBefore = process.memoryUsage.rss();
    monitor.reset();
    const producing = produceJobs(
      { brokers, queue: ws.queue, total, batch: 1_000, onProgress: (n) => (added = n) },
      queue,
    );
    // Lag sampler: the truth lies between (added before − completed after) and (added after − completed before).
    const sampler = (async () => {
      while (sampling) {
        producerPeakRss = Math.max(producerPeakRss, process.memoryUsage.rss());
        const a0 = added;
        const c0 = readLedger(ws.ledger).size;
        const counts = await queue.getJobCounts('waiting', 'active');
        const a1 = added;
        const c1 = readLedger(ws.ledger).size;
        const reported = (counts.waiting ?? 0) + (counts.active ?? 0);
        maxBacklog = Math.max(maxBacklog, reported);
        // Settled in the ledger but not yet ACCEPTed by the broker: a worker's running jobs, and the jobs it
        // finished since its last ShareFetch (their ACCEPTs ride on the next one) — at most its concurrency
        // plus its prefetch window, which is at most half the in-flight budget (packages/worker/src/runtime/
        // acquisition-window.ts).
        const slack = WORKERS * (CONCURRENCY + PREFETCH_WINDOW_MAX);
        const low = a0 - c1 - slack;
        const high = a1 - c0 + slack;
        lagSamples++;
        if (reported < low || reported > high)
          lagErrors.push(reported < low ? reported - low : reported - high);
        await sleep(1_000);
      }
    })();
    const produced = await producing;
    log(`added ${produced.ids.length} jobs in ${produced.durationMs} ms; backlog so far ${maxBacklog}`);
    const complete = await waitForCompletion(ws.ledger, produced.ids, options.quick ? 180_000 : 1_800_000);
    if (!complete) problems.push('the backlog did not drain before the deadline');
    // After the drain the reported lag must reach 0 (acks may trail the ledger by a moment).
    let finalLag = -1;
    for (let i = 0; i < 20; i++) {
      const counts = await queue.getJobCounts('waiting', 'active');
      finalLag = (counts.waiting ?? 0) + (counts.active ?? 0);
      if (finalLag === 0) break;
      await sleep(1000);
    }
    sampling = false;
    await sampler;
    if (finalLag !== 0) problems.push(`lag still reported as ${finalLag} after the drain`);
    if (lagErrors.length > 0)
      problems.push(
        `${lagErrors.length} of ${lagSamples} lag samples off by more than in-flight: ${lagErrors.slice(0, 5).join(', ')}`,
      );
    const totals = fleet.totals();
    const producerGrowth = producerPeakRss - rssBefore;
    // Bounds: a worker holds at most its concurrency plus one poll; the producer at most a few batches.
    if (totals.peakRss > 400 * MB)
      problems.push(`a worker process grew to ${Math.round(totals.peakRss / MB)} MB`);
    if (producerGrowth > 300 * MB)
      problems.push(`the producer grew by ${Math.round(producerGrowth / MB)} MB`);
    if (fleet.crashes.length > 0) problems.push(`worker crashed: ${fleet.crashes[0]?.stderr.slice(-500)}`);
    return finishReport({
      scenario: '7 overload',
      quick: options.quick,
      ...account(produced.ids, readLedger(ws.ledger)),
      recoveryMs: monitor.longestStallMs,
      durationMs: Date.now() - started,
      notes: {
        addRatePerS: Math.round(produced.ids.length / (produced.durationMs / 1000)),
        maxReportedBacklog: maxBacklog,
        lagSamples,
        lagSamplesOff: lagErrors.length,
        workerPeakRssMB: Math.round(totals.peakRss / MB),
        producerRssGrowthMB: Math.round(producerGrowth / MB),
      },
      problems,
    });
  } finally {
    sampling = false;
    monitor.stop();
    await fleet.stop();
    await queue.close();
  }
}
