/**
 * Scenario 2, zombie worker: worker 0 is SIGSTOPped with jobs in flight for longer than the lock
 * duration (and the share session timeout); its jobs are redelivered to worker 1, which holds redelivered
 * jobs for 8 s. After SIGCONT the zombie's processors finish while worker 1 still holds those records, so
 * its late ACCEPTs are refused (INVALID_RECORD_STATE) and it must report them as duplicates (or lost
 * locks), never as failures, survive, and go on working. (Once the other member has ACCEPTed a record and
 * the SPSO moved past it, Kafka answers a late ACCEPT with success: see test/integration/late-accept.test.ts.)
 */
import { testBrokers } from '@sharq/testkit';
import { produceJobs } from '../harness/producer.js';
import { ProgressMonitor, waitForCompletion } from '../harness/progress.js';
import { finishReport, type ScenarioReport } from '../harness/report.js';
import { type RunOptions, sleep, workspace } from '../harness/scenario.js';
import { WorkerFleet } from '../harness/worker-fleet.js';
import { account, readLedger, readLedgerEntries } from '../ledger/ledger.js';

// Jobs take 1 s, far below the half-life (5 s) at which the renewer first RENEWs: after SIGCONT the zombie's
// processors finish before any RENEW, so the broker learns of the zombie through its late ACCEPTs.
const LOCK_MS = 10_000;

export async function run(options: RunOptions): Promise<ScenarioReport> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const brokers = options.brokers ?? testBrokers();
  const ws = workspace('zombie');
  const wave = options.quick ? 300 : 1_000;
  // 14 s: past the lock (10 s) and the session timeout, but before worker 1 finishes the redelivered jobs
  // (redelivered at ~10 s, held 8 s), so the late ACCEPTs meet records still in flight.
  const stopMs = 14_000;
  const fleet = new WorkerFleet(
    (index) => ({
      brokers,
      queue: ws.queue,
      concurrency: 10,
      lockDurationMs: LOCK_MS,
      ledger: ws.ledger,
      tag: `w${index}`,
      sleepMs: 1000,
      redeliverySleepMs: 8000,
      eventsLog: `${ws.dir}/events`,
    }),
    2,
  );
  const monitor = new ProgressMonitor(ws.ledger);
  const problems: string[] = [];
  try {
    await fleet.waitReady();
    const first = await produceJobs({
      brokers,
      queue: ws.queue,
      total: wave,
      batch: 100,
      lockDurationMs: LOCK_MS,
    });
    monitor.reset();
    await sleep(1500);
    fleet.signal(0, 'SIGSTOP');
    const stoppedAt = Date.now();
    log(`SIGSTOP worker 0 for ${stopMs} ms (lock ${LOCK_MS} ms)`);
    await sleep(stopMs);
    const beforeCont = fleet.totals();
    fleet.signal(0, 'SIGCONT');
    log(`SIGCONT worker 0 after ${Date.now() - stoppedAt} ms`);
    const second = await produceJobs({
      brokers,
      queue: ws.queue,
      total: wave,
      batch: 100,
      lockDurationMs: LOCK_MS,
    });
    const ids = [...first.ids, ...second.ids];
    const complete = await waitForCompletion(ws.ledger, ids, options.quick ? 90_000 : 300_000);
    if (!complete) problems.push('not every job completed before the deadline');
    await sleep(1500); // last stats from both processes
    const totals = fleet.totals();
    const completions = readLedger(ws.ledger);
    const accounting = account(ids, completions);
    const zombieLate = totals.duplicate + totals.lockLost - (beforeCont.duplicate + beforeCont.lockLost);
    if (zombieLate === 0) problems.push('the zombie reported no duplicate / lost lock after SIGCONT');
    if (totals.duplicate - beforeCont.duplicate === 0)
      problems.push('no late ACCEPT was refused as a duplicate (INVALID_RECORD_STATE path not exercised)');
    if (totals.failed > 0)
      problems.push(`${totals.failed} attempt(s) reported as failed: ${JSON.stringify(totals.errorKinds)}`);
    if (fleet.crashes.length > 0) problems.push(`worker crashed: ${fleet.crashes[0]?.stderr.slice(-500)}`);
    // The second wave is produced after SIGCONT: a w0 completion of it shows the zombie survived.
    const secondWave = new Set(second.ids);
    const entries = readLedgerEntries(ws.ledger).filter((e) => e.worker === 'w0');
    const zombieAfter = entries.filter((e) => secondWave.has(e.id)).length;
    if (zombieAfter === 0) problems.push('the zombie completed nothing after SIGCONT');
    return finishReport({
      scenario: '2 zombie worker',
      quick: options.quick,
      ...accounting,
      recoveryMs: monitor.longestStallMs,
      durationMs: Date.now() - started,
      notes: {
        stoppedMs: stopMs,
        duplicateEvents: totals.duplicate,
        lockLostEvents: totals.lockLost,
        failedEvents: totals.failed,
        workerErrors: totals.errors,
        zombieCompletions: entries.length,
        zombieCompletionsAfterCont: zombieAfter,
        errorKinds: JSON.stringify(totals.errorKinds),
      },
      problems,
    });
  } finally {
    monitor.stop();
    await fleet.stop();
    if (fleet.forcedKills.length > 0)
      log(`worker(s) ${fleet.forcedKills.join(', ')} did not close within 10 s`);
  }
}
