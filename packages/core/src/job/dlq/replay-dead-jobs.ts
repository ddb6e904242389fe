/**
 * replayDeadJobs: put dead jobs back on the queue (attempts reset, a replay marker in the
 * envelope) — never losing or duplicating one, even if a replay dies halfway. Kafka gives no
 * transaction across the queue and state topics, so each replay is an intent/commit pair on the
 * single-partition state topic, and the queue topic itself is the proof of the middle step:
 *
 *   1. intent   write { replaying, owner, token, queueFrom } per entry (queueFrom = the queue's
 *               end offsets now: the copy can only land at or after them)
 *   2. check    re-read the state topic: the first intent since the entry's last settled state
 *               owns it; entries owned by someone else are skipped ('in progress elsewhere')
 *   3. produce  the replayed envelopes to the queue topic, header sharq-replay = token
 *   4. commit   write { replayed, token }
 *
 * A later replay that finds an intent older than `leaseMs` without its commit recovers it: it
 * scans the queue topic from queueFrom for the token; found → commit only (no second copy), not
 * found → produce with the SAME token, then commit. Dying at any point therefore yields exactly
 * one copy once some replay completes. (A queue topic whose retention deleted the copy before
 * the recovery ran would make it produce again; leases are seconds, retention days.)
 */
import { randomUUID } from 'node:crypto';
import type { Engine, OutgoingRecord } from '../../engine/engine.js';
import { encodeEnvelope, type JobEnvelope, REPLAY_HEADER } from '../envelope.js';
import { produceChunked } from '../produce-batcher.js';
import type { QueueTopology } from '../topology.js';
import type { DeadJob } from './dead-job.js';
import { type DlqMarker, encodeMarker, readDlqState } from './dlq-state.js';
import { type DeadJobFilter, loadDeadJobs, matchesFilter } from './list-dead-jobs.js';

export type DeadJobTarget = string | readonly string[] | { filter: DeadJobFilter } | { all: true };

export interface ReplayOptions {
  /** An intent older than this without its commit is presumed dead and recovered (default 30 s). */
  leaseMs?: number;
  now?: () => number;
}

export interface ReplayResult {
  /** DeadJob ids whose copy is now in the queue because of this call. */
  replayed: string[];
  /** Of those, the ones an earlier interrupted replay had already produced (no new copy written). */
  recovered: string[];
  skipped: { id: string; reason: string }[];
}

type Intent = Extract<DlqMarker, { state: 'replaying' }>;

export function selectTargets(
  jobs: readonly DeadJob[],
  target: DeadJobTarget,
): {
  selected: DeadJob[];
  missing: string[];
} {
  if (typeof target === 'string' || Array.isArray(target)) {
    const ids: readonly string[] = typeof target === 'string' ? [target] : (target as readonly string[]);
    const byId = new Map(jobs.map((job) => [job.id, job]));
    const selected: DeadJob[] = [];
    const missing: string[] = [];
    for (const id of ids) {
      const job = byId.get(id);
      if (job) selected.push(job);
      else missing.push(id);
    }
    return { selected, missing };
  }
  if ('all' in target) return { selected: [...jobs], missing: [] };
  const filter = (target as { filter: DeadJobFilter }).filter;
  return { selected: jobs.filter((job) => matchesFilter(job, filter)), missing: [] };
}

export async function replayDeadJobs(
  engine: Engine,
  topology: QueueTopology,
  target: DeadJobTarget,
  options: ReplayOptions = {},
): Promise<ReplayResult> {
  const now = options.now ?? Date.now;
  const leaseMs = options.leaseMs ?? 30_000;
  const owner = randomUUID();
  const result: ReplayResult = { replayed: [], recovered: [], skipped: [] };
  const { jobs, states } = await loadDeadJobs(engine, topology);
  const { selected, missing } = selectTargets(jobs, target);
  for (const id of missing) result.skipped.push({ id, reason: 'not found' });

  const fresh: DeadJob[] = [];
  const stalled: { job: DeadJob; intent: Intent }[] = [];
  for (const job of selected) {
    const state = states.get(job.id);
    if (state?.latest.state === 'replayed') {
      if (typeof target === 'string' || Array.isArray(target))
        result.skipped.push({ id: job.id, reason: 'already replayed' });
      continue;
    }
    if (!job.envelope) {
      result.skipped.push({ id: job.id, reason: `not a Sharq job: ${job.decodeError ?? 'no envelope'}` });
      continue;
    }
    const intent = state?.firstIntent;
    if (state?.latest.state === 'replaying' && intent) {
      if (now() - intent.at < leaseMs)
        result.skipped.push({ id: job.id, reason: 'replay in progress elsewhere' });
      else stalled.push({ job, intent });
      continue;
    }
    fresh.push(job);
  }

  // Recovery of interrupted replays: is the copy already in the queue topic?
  const found = await findTokens(
    engine,
    topology,
    stalled.map((s) => s.intent),
  );
  const toProduce: { job: DeadJob; token: string }[] = [];
  const commits: OutgoingRecord[] = [];
  for (const { job, intent } of stalled) {
    if (found.has(intent.token)) {
      commits.push(encodeMarker(job.id, { state: 'replayed', owner, token: intent.token, at: now() }));
      result.replayed.push(job.id);
      result.recovered.push(job.id);
    } else {
      toProduce.push({ job, token: intent.token });
    }
  }

  // Intents for fresh entries, then keep only those we own.
  if (fresh.length > 0) {
    const queueFrom = await queueEnds(engine, topology);
    const intents = fresh.map((job) => ({
      job,
      marker: {
        state: 'replaying',
        owner,
        token: `${job.id}:${randomUUID()}`,
        at: now(),
        queueFrom,
      } as Intent,
    }));
    await produceChunked(
      engine,
      topology.dlqStateTopic,
      intents.map((i) => encodeMarker(i.job.id, i.marker)),
    );
    const after = await readDlqState(engine, topology);
    for (const { job, marker } of intents) {
      if (after.get(job.id)?.firstIntent?.owner === owner) toProduce.push({ job, token: marker.token });
      else result.skipped.push({ id: job.id, reason: 'replay in progress elsewhere' });
    }
  }

  if (toProduce.length > 0) {
    const at = now();
    await produceChunked(
      engine,
      topology.topic,
      toProduce.map(({ job, token }) => encodeEnvelope(replayedEnvelope(job, token, at))),
    );
    for (const { job, token } of toProduce) {
      commits.push(encodeMarker(job.id, { state: 'replayed', owner, token, at }));
      result.replayed.push(job.id);
    }
  }
  if (commits.length > 0) await produceChunked(engine, topology.dlqStateTopic, commits);
  return result;
}

export function replayedEnvelope(job: DeadJob, token: string, at: number): JobEnvelope {
  const envelope = job.envelope as JobEnvelope;
  const copy: JobEnvelope = {
    ...envelope,
    attemptsMade: 0,
    replay: { from: job.id, at, token, count: (envelope.replay?.count ?? 0) + 1 },
  };
  delete copy.dueAt;
  return copy;
}

async function queueEnds(engine: Engine, topology: QueueTopology): Promise<Record<string, number>> {
  const lags = await engine.describeShareGroupOffsets(topology.group, [topology.topic]);
  const out: Record<string, number> = {};
  for (const lag of lags) if (lag.topic === topology.topic) out[String(lag.partition)] = lag.endOffset;
  return out;
}

/** Tokens present (header sharq-replay) in the queue topic at or after the intents' queueFrom. */
async function findTokens(
  engine: Engine,
  topology: QueueTopology,
  intents: readonly Intent[],
): Promise<Set<string>> {
  const found = new Set<string>();
  if (intents.length === 0) return found;
  const wanted = new Set(intents.map((intent) => intent.token));
  const fromOffsets: Record<number, number> = {};
  for (const intent of intents) {
    for (const [partition, offset] of Object.entries(intent.queueFrom)) {
      const p = Number(partition);
      fromOffsets[p] = Math.min(fromOffsets[p] ?? offset, offset);
    }
  }
  const records = await engine.readTopic(topology.topic, { fromOffsets });
  for (const record of records) {
    const token = record.headers[REPLAY_HEADER]?.toString('utf8');
    if (token && wanted.has(token)) found.add(token);
  }
  return found;
}
