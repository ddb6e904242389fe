/**
 * Scenario 4, leader failover: a 3-node KRaft cluster of our own on loopback (replication 3, min ISR 2),
 * the queue's 3 partitions spread over it. Mid-load the node leading partition 0 is SIGKILLed and stays
 * down: producers and workers must move to the new leaders, in-flight jobs resume from the share-group
 * state the new share coordinator loads, and nothing whose add() succeeded is lost.
 */
import { queueTopology } from '@sharq/core';
import { startLocalCluster } from '@sharq/testkit';
import { Kafka, logLevel } from 'kafkajs';
import { produceJobs } from '../harness/producer.js';
import { ProgressMonitor, waitForCompletion, waitForLedger } from '../harness/progress.js';
import { finishReport, type ScenarioReport } from '../harness/report.js';
import { type RunOptions, sleep, workspace } from '../harness/scenario.js';
import { WorkerFleet } from '../harness/worker-fleet.js';
import { account, readLedger } from '../ledger/ledger.js';

async function leaderOf(brokers: string[], topic: string, partition: number): Promise<number | undefined> {
  const admin = new Kafka({ brokers, clientId: 'sharq-faults-failover', logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    return topics[0]?.partitions.find((p) => p.partitionId === partition)?.leader;
  } finally {
    await admin.disconnect();
  }
}

export async function run(options: RunOptions): Promise<ScenarioReport> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const ws = workspace('failover');
  const total = options.quick ? 3_000 : 30_000;
  const cluster = await startLocalCluster({ log });
  log(`3-node cluster up: ${cluster.brokers.join(', ')}`);
  const brokers = cluster.brokers;
  const fleet = new WorkerFleet(
    (index) => ({
      brokers,
      queue: ws.queue,
      concurrency: 20,
      lockDurationMs: 5000,
      partitions: 3,
      ledger: ws.ledger,
      tag: `w${index}`,
      sleepMs: 10,
    }),
    2,
  );
  const monitor = new ProgressMonitor(ws.ledger);
  const problems: string[] = [];
  try {
    await fleet.waitReady(180_000);
    monitor.reset();
    const producing = produceJobs({
      brokers,
      queue: ws.queue,
      total,
      batch: 50,
      partitions: 3,
      lockDurationMs: 5000,
      pauseMs: options.quick ? 50 : 10,
      retryUntil: Date.now() + 600_000,
    });
    producing.catch(() => {});
    // Kill mid-processing, not before the first job: in-flight share-group state must move to the new leader.
    await waitForLedger(ws.ledger, Math.floor(total * 0.2), 120_000);
    const leader = await leaderOf(brokers, queueTopology(ws.queue).topic, 0);
    if (leader === undefined) throw new Error('no leader found for partition 0');
    log(`SIGKILL node ${leader} (leader of partition 0), ${readLedger(ws.ledger).size} jobs done`);
    const killedAt = Date.now();
    await cluster.node(leader).halt({ signal: 'SIGKILL' });
    const produced = await producing;
    log(`produced ${produced.ids.length} (rejected: ${JSON.stringify(produced.rejected)})`);
    if (produced.untyped.length > 0)
      problems.push(`untyped add() rejections: ${produced.untyped.slice(0, 3).join(' | ')}`);
    const complete = await waitForCompletion(ws.ledger, produced.ids, options.quick ? 180_000 : 600_000);
    if (!complete) problems.push('not every job completed before the deadline');
    const newLeader = await leaderOf(
      brokers.filter((b) => b !== cluster.node(leader).bootstrap),
      queueTopology(ws.queue).topic,
      0,
    );
    await sleep(1000);
    const totals = fleet.totals();
    if (fleet.crashes.length > 0) problems.push(`worker crashed: ${fleet.crashes[0]?.stderr.slice(-500)}`);
    return finishReport({
      scenario: '4 leader failover',
      quick: options.quick,
      ...account(produced.ids, readLedger(ws.ledger)),
      recoveryMs: monitor.longestStallMs,
      durationMs: Date.now() - started,
      notes: {
        killedNode: leader,
        newLeader: newLeader ?? 'none',
        killedAfterMs: killedAt - started,
        rejectedAdds: JSON.stringify(produced.rejected),
        workerErrors: totals.errors,
        errorKinds: JSON.stringify(totals.errorKinds),
      },
      problems,
    });
  } finally {
    monitor.stop();
    await fleet.stop();
    await cluster.stop();
  }
}
