/**
 * Worker presence on `<prefix>.<q>.workers` (compacted). Key = worker id; value = JSON below;
 * a tombstone (null value) when a worker closes cleanly. Version 1:
 *
 *   v                    1
 *   workerId             string
 *   queue                string
 *   host, pid            where it runs
 *   concurrency          slots
 *   startedAt            epoch ms the worker started
 *   heartbeatAt          epoch ms of this record
 *   heartbeatIntervalMs  how often the worker republishes (readers flag it stale after 3 intervals)
 *   jobs[]               what it holds now: { id, name, startedAt, attempt, deliveryCount,
 *                        partition, offset, lockExpiresAt? }
 *   blockedKeys[]?       key-ordered workers only: the keys whose head job runs or waits for its retry here,
 *                        most records waiting first (at most 50): { key, jobId?, partition, offset,
 *                        state: 'running' | 'retrying', attempt, retryAt?, waiting, since }
 */
import type { OutgoingRecord, StoredRecord } from '../../engine/engine.js';
import { DecodeError } from '../../errors.js';

export interface PresenceJob {
  id: string;
  name: string;
  startedAt: number;
  attempt: number;
  deliveryCount: number;
  partition: number;
  offset: number;
  lockExpiresAt?: number;
}

/** A key of a key-ordered queue whose head job blocks the records behind it (ordering/). */
export interface PresenceBlockedKey {
  key: string;
  jobId?: string;
  partition: number;
  offset: number;
  state: 'running' | 'retrying';
  attempt: number;
  retryAt?: number;
  /** Records of the key queued behind its head. */
  waiting: number;
  /** Since when the head has blocked the key (epoch ms). */
  since: number;
}

export interface PresenceRecord {
  v: 1;
  workerId: string;
  queue: string;
  host: string;
  pid: number;
  concurrency: number;
  startedAt: number;
  heartbeatAt: number;
  heartbeatIntervalMs: number;
  jobs: PresenceJob[];
  blockedKeys?: PresenceBlockedKey[];
}

export function encodePresence(presence: PresenceRecord): OutgoingRecord {
  return { key: presence.workerId, value: JSON.stringify(presence) };
}

export function encodePresenceTombstone(workerId: string): OutgoingRecord {
  return { key: workerId, value: null };
}

/** null for a tombstone; DecodeError when the value is not a presence record. */
export function decodePresence(record: Pick<StoredRecord, 'value'>): PresenceRecord | null {
  if (record.value === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(record.value.toString('utf8'));
  } catch (cause) {
    throw new DecodeError('presence record is not JSON', { cause });
  }
  if (typeof parsed !== 'object' || parsed === null)
    throw new DecodeError('presence record is not an object');
  const p = parsed as Partial<PresenceRecord>;
  if (p.v !== 1) throw new DecodeError(`unsupported presence version ${JSON.stringify(p.v)}`);
  if (typeof p.workerId !== 'string' || typeof p.heartbeatAt !== 'number' || !Array.isArray(p.jobs))
    throw new DecodeError('presence record needs workerId, heartbeatAt and jobs');
  const out: PresenceRecord = {
    v: 1,
    workerId: p.workerId,
    queue: typeof p.queue === 'string' ? p.queue : '',
    host: typeof p.host === 'string' ? p.host : '',
    pid: typeof p.pid === 'number' ? p.pid : 0,
    concurrency: typeof p.concurrency === 'number' ? p.concurrency : 0,
    startedAt: typeof p.startedAt === 'number' ? p.startedAt : p.heartbeatAt,
    heartbeatAt: p.heartbeatAt,
    heartbeatIntervalMs: typeof p.heartbeatIntervalMs === 'number' ? p.heartbeatIntervalMs : 5_000,
    jobs: p.jobs.filter((job): job is PresenceJob => typeof job === 'object' && job !== null && 'id' in job),
  };
  if (Array.isArray(p.blockedKeys))
    out.blockedKeys = p.blockedKeys.filter(
      (entry): entry is PresenceBlockedKey =>
        typeof entry === 'object' && entry !== null && typeof entry.key === 'string',
    );
  return out;
}
