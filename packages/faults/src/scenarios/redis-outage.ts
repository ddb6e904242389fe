/**
 * Scenario 5, Redis outage: workers with the Redis rate limiter lose their Redis (SIGKILL of our own
 * redis-server) mid-run and get it back on the same port. Fail-closed: no job starts during the outage.
 * Fail-open: jobs keep running. Either way the limiter recovers by itself and nothing is lost.
 */
import { statSync } from 'node:fs';
import { testBrokers } from '@sharq/testkit';
import { produceJobs } from '../harness/producer.js';
import { ProgressMonitor, waitForCompletion } from '../harness/progress.js';
import { OwnRedis } from '../harness/redis-server.js';
import { finishReport, type ScenarioReport } from '../harness/report.js';
import { type RunOptions, sleep, workspace } from '../harness/scenario.js';
import { WorkerFleet } from '../harness/worker-fleet.js';
import { account, readLedger } from '../ledger/ledger.js';

const ledgerLines = (file: string): number => readLedger(file).size;
const sizeOf = (file: string): number => {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
};

interface ModeResult {
  ids: string[];
  ledger: string;
  completedDuringOutage: number;
  stallMs: number;
  problems: string[];
  recoveredMs: number;
}

async function runMode(failOpen: boolean, options: RunOptions, brokers: string[]): Promise<ModeResult> {
  const log = options.log ?? (() => {});
  const ws = workspace(failOpen ? 'redis-open' : 'redis-closed');
  const redis = await OwnRedis.start();
  // Limited: 100 jobs/s. Unlimited (fail-open during the outage): at most 2 × 4 / 25 ms = 320 jobs/s, so
  // work remains after the outage and the limiter's return can be observed.
  const rate = 100;
  const total = options.quick ? 2_000 : 20_000;
  const outageMs = options.quick ? 4_000 : 20_000;
  const fleet = new WorkerFleet(
    (index) => ({
      brokers,
      queue: ws.queue,
      concurrency: 4,
      lockDurationMs: 5000,
      ledger: ws.ledger,
      tag: `w${index}`,
      sleepMs: 25,
      limiter: { redis: redis.url, max: rate, duration: 1000, failOpen, timeoutMs: 300 },
      eventsLog: `${ws.dir}/events`,
    }),
    2,
  );
  const monitor = new ProgressMonitor(ws.ledger);
  const problems: string[] = [];
  try {
    await fleet.waitReady();
    const produced = await produceJobs({ brokers, queue: ws.queue, total, batch: 500, lockDurationMs: 5000 });
    monitor.reset();
    await sleep(3_000);
    await redis.halt();
    log(
      `${failOpen ? 'fail-open' : 'fail-closed'}: Redis killed with ${ledgerLines(ws.ledger)} of ${total} done`,
    );
    // In-flight jobs (at most concurrency × processes) may still finish at the start of the outage.
    await sleep(1_000);
    const before = ledgerLines(ws.ledger);
    await sleep(outageMs - 1_000);
    const during = ledgerLines(ws.ledger) - before;
    const sizeAtResume = sizeOf(ws.ledger);
    await redis.resume();
    const resumedAt = Date.now();
    log(`Redis back; ${during} job(s) completed during the outage`);
    const remaining = total - ledgerLines(ws.ledger);
    if (remaining <= 0)
      problems.push(
        `${failOpen ? 'fail-open' : 'fail-closed'}: no work left after the outage (tune the scenario)`,
      );
    while (remaining > 0 && sizeOf(ws.ledger) === sizeAtResume && Date.now() - resumedAt < 60_000)
      await sleep(50);
    const recoveredMs = Date.now() - resumedAt;
    const complete = await waitForCompletion(ws.ledger, produced.ids, options.quick ? 90_000 : 300_000);
    if (!complete) problems.push(`${failOpen ? 'fail-open' : 'fail-closed'}: not every job completed`);
    if (!failOpen && during > 0) problems.push(`fail-closed: ${during} job(s) started while Redis was down`);
    if (failOpen && during === 0) problems.push('fail-open: no job ran while Redis was down');
    if (fleet.crashes.length > 0) problems.push(`worker crashed: ${fleet.crashes[0]?.stderr.slice(-500)}`);
    return {
      ids: produced.ids,
      ledger: ws.ledger,
      completedDuringOutage: during,
      stallMs: monitor.longestStallMs,
      problems,
      recoveredMs,
    };
  } finally {
    monitor.stop();
    await fleet.stop();
    await redis.halt();
  }
}

export async function run(options: RunOptions): Promise<ScenarioReport> {
  const started = Date.now();
  const brokers = options.brokers ?? testBrokers();
  const closed = await runMode(false, options, brokers);
  const open = await runMode(true, options, brokers);
  const a = account(closed.ids, readLedger(closed.ledger));
  const b = account(open.ids, readLedger(open.ledger));
  return finishReport({
    scenario: '5 redis outage',
    quick: options.quick,
    sent: a.sent + b.sent,
    completed: a.completed + b.completed,
    lost: a.lost + b.lost,
    duplicated: a.duplicated + b.duplicated,
    unknown: a.unknown + b.unknown,
    lostSample: [...a.lostSample, ...b.lostSample],
    // Fail-closed stalls for the whole outage by design: recovery is counted from Redis' return.
    recoveryMs: Math.max(closed.recoveredMs, open.stallMs),
    durationMs: Date.now() - started,
    notes: {
      closedDuringOutage: closed.completedDuringOutage,
      openDuringOutage: open.completedDuringOutage,
      closedResumeAfterRedisMs: closed.recoveredMs,
      openLongestStallMs: open.stallMs,
    },
    problems: [...closed.problems, ...open.problems],
  });
}
