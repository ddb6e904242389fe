/**
 * Scenario 8, bad operator input: invalid CLI flags and files, and dashboard requests with wrong types,
 * huge bodies and unknown queues. Each must get a clear refusal (CLI: exit code 1/2 with a one-line
 * `sharq: error` and no stack trace; HTTP: a 4xx JSON error, never a 5xx) and change nothing: no topic
 * is created, the queue's waiting jobs and DLQ stay as they were, and the seeded jobs still complete.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from '@sharq/core';
import { startDashboard } from '@sharq/dashboard';
import { testBrokers, uniqueName } from '@sharq/testkit';
import { Kafka, logLevel } from 'kafkajs';
import { cliCases, httpCases } from '../harness/operator-cases.js';
import { produceJobs } from '../harness/producer.js';
import { waitForCompletion } from '../harness/progress.js';
import { finishReport, type ScenarioReport } from '../harness/report.js';
import { type RunOptions, workspace } from '../harness/scenario.js';
import { runSharq } from '../harness/sharq-cli.js';
import { WorkerFleet } from '../harness/worker-fleet.js';
import { account, readLedger } from '../ledger/ledger.js';

async function listTopics(brokers: string[]): Promise<string[]> {
  const admin = new Kafka({ brokers, clientId: 'sharq-faults-operator', logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    return (await admin.listTopics()).sort();
  } finally {
    await admin.disconnect();
  }
}

const looksClear = (text: string) => /error/i.test(text) && !/^\s+at .+:\d+:\d+\)?$/m.test(text);

export async function run(options: RunOptions): Promise<ScenarioReport> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const brokers = options.brokers ?? testBrokers();
  const ws = workspace('operator');
  const unknownQueue = uniqueName('faults-nosuchqueue');
  const seeded = options.quick ? 20 : 200;
  const queue = new Queue(ws.queue, { connection: { brokers } });
  const problems: string[] = [];
  let cases = 0;
  try {
    const produced = await produceJobs({ brokers, queue: ws.queue, total: seeded, batch: seeded }, queue);
    const before = { topics: await listTopics(brokers), counts: await queue.getJobCounts('waiting', 'dead') };

    for (const c of cliCases(ws.queue, unknownQueue, brokers.join(','))) {
      cases++;
      const args = c.args.map((a) => {
        if (a !== '{file}' || c.file === undefined) return a;
        const file = join(ws.dir, `case-${cases}.${c.file.startsWith('export') ? 'mjs' : 'ndjson'}`);
        writeFileSync(file, c.file);
        return file;
      });
      const result = await runSharq(args, {}, 30_000);
      const text = result.stderr + result.stdout;
      if (result.timedOut) problems.push(`cli "${c.name}": hung (killed after 30 s)`);
      else if (!c.codes.includes(result.code))
        problems.push(
          `cli "${c.name}": exit ${result.code}, expected ${c.codes.join('/')}: ${text.slice(0, 200)}`,
        );
      else if (!looksClear(text)) problems.push(`cli "${c.name}": unclear output: ${text.slice(0, 300)}`);
      log(`cli ${c.name}: exit ${result.code}: ${text.split('\n')[0]?.slice(0, 120)}`);
    }

    const dashboard = await startDashboard({
      connection: { brokers },
      queues: [ws.queue],
      port: 0,
      token: 'faults-token-123',
      bodyLimitBytes: 64 * 1024,
    });
    try {
      for (const c of httpCases(ws.queue, unknownQueue)) {
        cases++;
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (c.auth !== false) headers.authorization = 'Bearer faults-token-123';
        let status = 0;
        let text = '';
        try {
          const response = await fetch(dashboard.url + c.path, {
            method: c.method,
            headers,
            ...(c.body !== undefined ? { body: c.body } : {}),
            signal: AbortSignal.timeout(30_000),
          });
          status = response.status;
          text = await response.text();
        } catch (error) {
          problems.push(`http "${c.name}": request failed: ${String(error)}`);
          continue;
        }
        if (!c.statuses.includes(status))
          problems.push(
            `http "${c.name}": status ${status}, expected ${c.statuses.join('/')}: ${text.slice(0, 200)}`,
          );
        else if (!text.includes('error'))
          problems.push(`http "${c.name}": no error message in ${text.slice(0, 200)}`);
        log(`http ${c.name}: ${status} ${text.slice(0, 100)}`);
      }
    } finally {
      await dashboard.close();
    }

    const after = { topics: await listTopics(brokers), counts: await queue.getJobCounts('waiting', 'dead') };
    const created = after.topics.filter(
      (t) => !before.topics.includes(t) && (t.includes(ws.queue) || t.includes(unknownQueue)),
    );
    if (created.length > 0) problems.push(`topics created by bad input: ${created.join(', ')}`);
    if (JSON.stringify(after.counts) !== JSON.stringify(before.counts))
      problems.push(
        `queue counts changed: ${JSON.stringify(before.counts)} → ${JSON.stringify(after.counts)}`,
      );

    // Nothing was lost either: the seeded jobs still complete.
    const fleet = new WorkerFleet(
      (index) => ({
        brokers,
        queue: ws.queue,
        concurrency: 10,
        lockDurationMs: 5000,
        ledger: ws.ledger,
        tag: `w${index}`,
      }),
      1,
    );
    try {
      await fleet.waitReady();
      if (!(await waitForCompletion(ws.ledger, produced.ids, 60_000)))
        problems.push('seeded jobs did not complete');
    } finally {
      await fleet.stop();
    }
    return finishReport({
      scenario: '8 bad operator input',
      quick: options.quick,
      ...account(produced.ids, readLedger(ws.ledger)),
      recoveryMs: 0,
      durationMs: Date.now() - started,
      notes: { cases, refusedClearly: cases - problems.length },
      problems,
    });
  } finally {
    await queue.close();
  }
}
