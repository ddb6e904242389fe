/**
 * Scenario 1, worker kills: `sharq worker` runs 4 worker processes; every few seconds a random one is
 * SIGKILLed and the supervisor restarts it. Lost must be 0; duplicates are bounded by what the killed
 * processes had in flight (kills × (concurrency + jobs finished but not yet ACCEPTed)).
 */
import { childPids, testBrokers } from '@sharq/testkit';
import { distFile } from '../harness/dist-file.js';
import { LEDGER_ENV, SLEEP_ENV } from '../harness/ledger-processor.js';
import { produceJobs } from '../harness/producer.js';
import { ProgressMonitor, waitForCompletion } from '../harness/progress.js';
import { finishReport, type ScenarioReport } from '../harness/report.js';
import { type RunOptions, sleep, workspace } from '../harness/scenario.js';
import { startSharq } from '../harness/sharq-cli.js';
import { account, readLedger } from '../ledger/ledger.js';

const PROCESSOR = distFile('harness/ledger-processor.js');
const PROCESSES = 4;
const CONCURRENCY = 20;
/** Longest a finished job's ACCEPT waits for the worker's next request (see the duplicate bound below). */
const ACCEPT_WAIT_S = 0.5;
const LOCK_MS = 5000;

export async function run(options: RunOptions): Promise<ScenarioReport> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const brokers = options.brokers ?? testBrokers();
  const ws = workspace('kills');
  const total = options.quick ? 5_000 : 50_000;
  const killEveryMs = options.quick ? 1_000 : 4_000;
  // A quick run can finish its jobs within seconds on a quiet machine: kill at least this often regardless.
  const minKills = options.quick ? 3 : 10;
  const supervisor = startSharq(
    [
      'worker',
      PROCESSOR,
      '--queue',
      ws.queue,
      '--processes',
      String(PROCESSES),
      '--concurrency',
      String(CONCURRENCY),
      '--lock-duration',
      String(LOCK_MS),
      '--isolation',
      'none',
      '--grace',
      '5',
      '--brokers',
      brokers.join(','),
    ],
    { [LEDGER_ENV]: ws.ledger, [SLEEP_ENV]: '5' },
  );
  const supervisorPid = supervisor.child.pid ?? 0;
  const monitor = new ProgressMonitor(ws.ledger);
  let kills = 0;
  const problems: string[] = [];
  try {
    const deadline = Date.now() + 120_000;
    while ((supervisor.output().match(/ready/g) ?? []).length < PROCESSES) {
      if (Date.now() > deadline || supervisor.child.exitCode !== null)
        throw new Error(`supervisor did not start its workers:\n${supervisor.output()}`);
      await sleep(200);
    }
    log(`4 worker processes ready; producing ${total} jobs`);
    const producing = produceJobs({
      brokers,
      queue: ws.queue,
      total,
      batch: 250,
      pauseMs: options.quick ? 50 : 20,
    });
    let producingDone = false;
    void producing.finally(() => {
      producingDone = true;
    });
    monitor.reset();
    const processingStarted = Date.now();
    // Kill while work remains: during production and until the ledger has most jobs.
    for (;;) {
      await sleep(killEveryMs);
      const done = readLedger(ws.ledger).size;
      if (producingDone && done >= total * 0.9 && kills >= minKills) break;
      const pids = childPids(supervisorPid);
      const victim = pids[Math.floor(Math.random() * pids.length)];
      if (victim === undefined) continue;
      process.kill(victim, 'SIGKILL');
      kills++;
      log(`SIGKILL worker pid ${victim} (kill ${kills}, ${done} done)`);
    }
    const produced = await producing;
    const complete = await waitForCompletion(ws.ledger, produced.ids, options.quick ? 90_000 : 300_000);
    if (!complete) problems.push('not every job completed before the deadline');
    const accounting = account(produced.ids, readLedger(ws.ledger));
    // What a killed process had in flight: its running jobs, and the jobs it had finished whose ACCEPT was
    // waiting for its next request to the broker (ACCEPTs ride on the next ShareFetch; while a fetch is
    // parked, up to the worker's busy-poll bound of 250 ms plus its answer — 0.5 s here, with margin).
    const perProcessJobsPerSec = accounting.completed / ((Date.now() - processingStarted) / 1000) / PROCESSES;
    const awaitingAccept = Math.ceil(perProcessJobsPerSec * ACCEPT_WAIT_S);
    const bound = kills * (CONCURRENCY + awaitingAccept);
    if (accounting.duplicated > bound)
      problems.push(`duplicates ${accounting.duplicated} exceed the in-flight bound ${bound}`);
    if (supervisor.child.exitCode !== null) problems.push('the supervisor exited during the run');
    const restarts = (supervisor.output().match(/restarting in/g) ?? []).length;
    if (restarts < kills) problems.push(`supervisor restarted ${restarts} of ${kills} killed processes`);
    return finishReport({
      scenario: '1 worker kills',
      quick: options.quick,
      ...accounting,
      recoveryMs: monitor.longestStallMs,
      durationMs: Date.now() - started,
      notes: { kills, restarts, duplicateBound: bound, rejectedAdds: Object.keys(produced.rejected).length },
      problems,
    });
  } finally {
    monitor.stop();
    if (supervisor.child.exitCode === null) {
      const exited = new Promise((r) => supervisor.child.once('exit', r));
      supervisor.child.kill('SIGTERM');
      const timer = setTimeout(() => supervisor.child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
  }
}
