/**
 * replayDeadJobs: put dead jobs back on the queue (attempts reset, a replay marker in the
 * envelope) — never losing or duplicating one, even if a replay dies halfway. Kafka gives no
 * transaction across the queue and state topics, so each replay is an intent/commit pair on the
 * single-partition state topic, and the queue topic itself is the proof of the middle step:
 *
 *   1. intent   write an intent record { replaying, owner, token, queueFrom } per entry
 *               (queueFrom = the queue's end offsets now: the copy can only land at or after them)
 *   2. check    re-read the state topic: ownership is decided by log order (dlq-state.ts); entries
 *               owned by someone else, or settled meanwhile, are skipped ('in progress elsewhere')
 *   3. produce  the replayed envelopes to the queue topic, header sharq-replay = token
 *   4. commit   write { replayed, token } and tombstone the entry's intents
 *
 * A later replay that finds an unsettled intent older than `leaseMs` takes it over (a new intent
 * that `takes` it, same token; racing recoverers: the first wins), scans the queue topic from
 * queueFrom for the token — found → commit only (no second copy); not found → produce with the
 * SAME token, then commit. Dying at any point therefore yields exactly one copy once some replay
 * completes. Limits: an owner that stalls longer than the lease between its check and its produce
 * can race its recoverer (leases are 30 s, the step takes milliseconds); a queue topic whose
 * retention deleted the copy before a recovery would make it produce again.
 */
import { randomUUID } from 'node:crypto';
import type { Engine, OutgoingRecord } from '../../engine/engine.js';
import { encodeEnvelope, type JobEnvelope, REPLAY_HEADER } from '../envelope.js';
import { produceChunked } from '../produce-batcher.js';
import type { QueueTopology } from '../topology.js';
import type { DeadJob } from './dead-job.js';
import { encodeMarker, type IntentMarker, intentKey, readDlqState } from './dlq-state.js';
import { type DeadJobFilter, loadDeadJobs, matchesFilter } from './list-dead-jobs.js';

export type DeadJobTarget = string | readonly string[] | { filter: DeadJobFilter } | { all: true };

export interface ReplayOptions {
  /** An intent older than this without its commit is presumed dead and recovered (default 30 s). */
  leaseMs?: number;
  now?: () => number;
  /** Told as the replay goes: claimed, then each chunk of copies produced, then committed. */
  onProgress?: (progress: ReplayProgress) => void;
}

/** Where a replay is: `done` of `total` jobs in the current phase (copies written, while 'producing'). */
export interface ReplayProgress {
  phase: 'claimed' | 'producing' | 'committed';
  done: number;
  total: number;
}

/** Copies are produced in chunks of this many, with progress after each. */
const PROGRESS_CHUNK = 1_000;

export interface ReplayResult {
  /** DeadJob ids whose copy is now in the queue because of this call. */
  replayed: string[];
  /** Of those, the ones an earlier interrupted replay had already produced (no new copy written). */
  recovered: string[];
  skipped: { id: string; reason: string }[];
}

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
  const me = randomUUID();
  const result: ReplayResult = { replayed: [], recovered: [], skipped: [] };
  const { jobs, states } = await loadDeadJobs(engine, topology);
  const { selected, missing } = selectTargets(jobs, target);
  for (const id of missing) result.skipped.push({ id, reason: 'not found' });

  // Entries to claim: untouched ones, and interrupted replays whose owner's lease ran out.
  const intents: { job: DeadJob; intent: IntentMarker }[] = [];
  let ends: Record<string, number> | undefined;
  for (const job of selected) {
    const state = states.get(job.id);
    if (state?.settled) {
      if (typeof target === 'string' || Array.isArray(target))
        result.skipped.push({ id: job.id, reason: `already ${state.settled.state}` });
      continue;
    }
    if (!job.envelope) {
      result.skipped.push({ id: job.id, reason: `not a Sharq job: ${job.decodeError ?? 'no envelope'}` });
      continue;
    }
    const owner = state?.owner;
    if (owner && now() < owner.at + leaseMs) {
      result.skipped.push({ id: job.id, reason: 'replay in progress elsewhere' });
      continue;
    }
    ends ??= owner ? undefined : await queueEnds(engine, topology);
    const nonce = randomUUID();
    // A takeover keeps the token and the scan start of the replay it takes over.
    const intent: IntentMarker = owner
      ? { ...owner, nonce, owner: me, at: now(), takes: owner.nonce }
      : {
          state: 'replaying',
          id: job.id,
          nonce,
          owner: me,
          token: `${job.id}:${nonce}`,
          at: now(),
          queueFrom: ends ?? {},
        };
    intents.push({ job, intent });
  }
  if (intents.length === 0) return result;
  const progress = options.onProgress;

  // 1. intents, 2. ownership: keep only the claims the log says we won.
  await produceChunked(
    engine,
    topology.dlqStateTopic,
    intents.map(({ job, intent }) => encodeMarker(intentKey(job.id, intent.nonce), intent)),
  );
  const after = await readDlqState(engine, topology);
  const won = intents.filter(({ job, intent }) => {
    const state = after.get(job.id);
    if (!state?.settled && state?.owner?.nonce === intent.nonce) return true;
    result.skipped.push({ id: job.id, reason: 'replay in progress elsewhere' });
    return false;
  });
  progress?.({ phase: 'claimed', done: won.length, total: won.length });

  // 3. takeovers first look for the copy of the replay they take over.
  const found = await findTokens(
    engine,
    topology,
    won.filter((w) => w.intent.takes !== undefined).map((w) => w.intent),
  );
  const toProduce = won.filter(({ job, intent }) => {
    if (!found.has(intent.token)) return true;
    result.recovered.push(job.id);
    return false;
  });
  if (toProduce.length > 0) {
    const at = now();
    const copies = toProduce.map(({ job, intent }) =>
      encodeEnvelope(replayedEnvelope(job, intent.token, at)),
    );
    for (let from = 0; from < copies.length; from += PROGRESS_CHUNK) {
      await produceChunked(engine, topology.topic, copies.slice(from, from + PROGRESS_CHUNK));
      progress?.({
        phase: 'producing',
        done: Math.min(copies.length, from + PROGRESS_CHUNK),
        total: copies.length,
      });
    }
  }

  // 4. commit, and drop the id's intents (ours and any that lost) with it.
  const commits: OutgoingRecord[] = [];
  for (const { job, intent } of won) {
    commits.push(encodeMarker(job.id, { state: 'replayed', owner: me, token: intent.token, at: now() }));
    for (const key of after.get(job.id)?.intentKeys ?? []) commits.push(encodeMarker(key, null));
    result.replayed.push(job.id);
  }
  await produceChunked(engine, topology.dlqStateTopic, commits);
  progress?.({ phase: 'committed', done: won.length, total: won.length });
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
  intents: readonly IntentMarker[],
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
