/**
 * Scenario 6, garbage: random bytes, truncated envelopes, wrong envelope versions, tombstones... produced
 * raw (kafkajs) into a queue topic among valid jobs. Every valid job completes, every bad record is
 * dead-lettered with reason 'malformed', and no worker process dies.
 */
import { Queue, queueTopology } from '@sharq/core';
import { testBrokers } from '@sharq/testkit';
import { Kafka, logLevel } from 'kafkajs';
import { badRecords } from '../harness/garbage.js';
import { produceJobs } from '../harness/producer.js';
import { ProgressMonitor, waitForCompletion } from '../harness/progress.js';
import { finishReport, type ScenarioReport } from '../harness/report.js';
import { type RunOptions, sleep, workspace } from '../harness/scenario.js';
import { WorkerFleet } from '../harness/worker-fleet.js';
import { account, readLedger } from '../ledger/ledger.js';

export async function run(options: RunOptions): Promise<ScenarioReport> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const brokers = options.brokers ?? testBrokers();
  const ws = workspace('garbage');
  const valid = options.quick ? 1_000 : 10_000;
  const bad = badRecords(options.quick ? 100 : 1_000);
  const queue = new Queue(ws.queue, { connection: { brokers }, partitions: 2 });
  await queue.waitUntilReady();
  const kafka = new Kafka({ brokers, clientId: 'sharq-faults-garbage', logLevel: logLevel.NOTHING });
  const producer = kafka.producer();
  await producer.connect();
  const fleet = new WorkerFleet(
    (index) => ({
      brokers,
      queue: ws.queue,
      concurrency: 20,
      lockDurationMs: 5000,
      partitions: 2,
      ledger: ws.ledger,
      tag: `w${index}`,
    }),
    2,
  );
  const monitor = new ProgressMonitor(ws.ledger);
  const problems: string[] = [];
  try {
    await fleet.waitReady();
    monitor.reset();
    // Interleave: a slice of bad records after every batch of valid jobs.
    const topic = queueTopology(ws.queue).topic;
    const slices = 10;
    const ids: string[] = [];
    for (let i = 0; i < slices; i++) {
      const produced = await produceJobs(
        { brokers, queue: ws.queue, total: valid / slices, batch: 100 },
        queue,
      );
      ids.push(...produced.ids);
      const slice = bad.slice((i * bad.length) / slices, ((i + 1) * bad.length) / slices);
      await producer.send({ topic, messages: slice.map((b) => ({ key: b.key, value: b.value })) });
    }
    log(`produced ${ids.length} valid jobs and ${bad.length} bad records`);
    const complete = await waitForCompletion(ws.ledger, ids, options.quick ? 90_000 : 300_000);
    if (!complete) problems.push('not every valid job completed before the deadline');
    // Dead letters are written in batches: give the DLQ a moment to catch up with the last bad records.
    let malformed = 0;
    let otherDead = 0;
    const deadline = Date.now() + 60_000;
    const badKeys = new Set(bad.map((b) => b.key));
    let missingKinds: string[] = [];
    for (;;) {
      const page = await queue.listDeadJobs({ limit: bad.length * 2 + 100 });
      const seen = new Set<string>();
      malformed = 0;
      otherDead = 0;
      for (const job of page.jobs) {
        if (job.reason === 'malformed' && job.jobId !== undefined && badKeys.has(job.jobId)) {
          if (!seen.has(job.jobId)) malformed++;
          seen.add(job.jobId);
        } else otherDead++;
      }
      missingKinds = [...new Set(bad.filter((b) => !seen.has(b.key)).map((b) => b.kind))];
      if (malformed >= bad.length || Date.now() > deadline) break;
      await sleep(1000);
    }
    if (malformed < bad.length)
      problems.push(
        `${bad.length - malformed} bad record(s) not dead-lettered as malformed (kinds: ${missingKinds.join(', ')})`,
      );
    if (otherDead > 0) problems.push(`${otherDead} other DLQ entries (valid jobs or wrong reason)`);
    await sleep(1000);
    const totals = fleet.totals();
    if (fleet.crashes.length > 0) problems.push(`worker crashed: ${fleet.crashes[0]?.stderr.slice(-500)}`);
    return finishReport({
      scenario: '6 garbage',
      quick: options.quick,
      ...account(ids, readLedger(ws.ledger)),
      recoveryMs: monitor.longestStallMs,
      durationMs: Date.now() - started,
      notes: {
        bad: bad.length,
        deadMalformed: malformed,
        otherDead,
        malformedEvents: totals.malformed,
        workerErrors: totals.errors,
        crashes: fleet.crashes.length,
      },
      problems,
    });
  } finally {
    monitor.stop();
    await fleet.stop();
    await producer.disconnect();
    await queue.close();
  }
}
