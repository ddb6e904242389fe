/**
 * The job envelope, version 1: the record value of every job in a queue topic, delay bucket,
 * or (copied verbatim) the DLQ. JSON, UTF-8. Record key = job id, or opts.orderingKey on a key-ordered
 * queue (so a job's copies, and all jobs of one key, hash to one partition). Field by field:
 *
 *   v             1                      format version; decoders reject anything else
 *   id            string                 job id (opts.jobId or a random UUID)
 *   name          string                 job name given to add()
 *   data          JSON                   the payload (validated by the queue's zod schema, if any)
 *   opts          object                 compiled options: attempts (int ≥ 1), backoff? {type, delay,
 *                                        jitter?, maxDelay?}, timeout? (ms), delay? (ms asked at add),
 *                                        dedup? {key, token, ttl?} (the deduplication claim it won, dedup/),
 *                                        priority?, level? (its priority level above the lowest, priority/),
 *                                        orderingKey? (its key on a key-ordered queue, ordering/)
 *   attemptsMade  int ≥ 0                attempts consumed before this copy was written; a retry with
 *                                        backoff re-enqueues a copy with attemptsMade += attempts used.
 *                                        Attempt number of a delivery = attemptsMade + deliveryCount.
 *   ts            epoch ms               when the job was first added
 *   dueAt?        epoch ms               when it was (or will be) due, if it was delayed
 *   replay?       { from, at, token, count }   set when replayed from the DLQ: from = "<partition>:<offset>"
 *                                        of the DLQ record, at = replay time, token = the replay's
 *                                        idempotency token (also header sharq-replay), count = replays so far
 *
 * Headers used by Sharq on job records: `sharq-replay` (replay token, on replayed copies), and on
 * delay bucket records `sharq-due-at` / `sharq-forward-at` (epoch ms, decimal).
 */
import type { OutgoingRecord, StoredRecord } from '../engine/engine.js';
import type { CompiledJobOptions } from './options.js';
import { PRIORITY_LEVEL_HEADER } from './priority/levels.js';

export const ENVELOPE_VERSION = 1;

export interface ReplayMarker {
  from: string;
  at: number;
  token: string;
  count: number;
}

export interface JobEnvelope {
  v: 1;
  id: string;
  name: string;
  data: unknown;
  opts: CompiledJobOptions;
  attemptsMade: number;
  ts: number;
  dueAt?: number;
  replay?: ReplayMarker;
}

export const REPLAY_HEADER = 'sharq-replay';

export function encodeEnvelope(envelope: JobEnvelope): OutgoingRecord {
  // A key-ordered job's key is its orderingKey: one key hashes to one partition, where its order is kept.
  const key = envelope.opts.orderingKey ?? envelope.id;
  // A string value: the producer writes it into the record batch as UTF-8 without an intermediate Buffer.
  const record: OutgoingRecord = { key, value: JSON.stringify(envelope) };
  if (envelope.replay) record.headers = { [REPLAY_HEADER]: envelope.replay.token };
  // The level travels as a header too: the delay route sends a due copy back to its level without decoding.
  if (envelope.opts.level !== undefined)
    record.headers = { ...record.headers, [PRIORITY_LEVEL_HEADER]: String(envelope.opts.level) };
  return record;
}

export type DecodeResult = { ok: true; envelope: JobEnvelope } | { ok: false; reason: string };

export function decodeEnvelope(record: Pick<StoredRecord, 'value'>): DecodeResult {
  if (record.value === null || record.value.length === 0) return { ok: false, reason: 'empty record value' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(record.value.toString('utf8'));
  } catch {
    return { ok: false, reason: 'value is not JSON' };
  }
  return checkEnvelope(parsed);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isCount = (value: unknown, min: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min;

/**
 * Hand-written rather than zod: it runs once per delivered job on the hot path. It checks the parsed
 * object in place and returns it (no copy per job): fields it does not know travel on untouched, and an
 * optional field that is malformed is dropped (or, for replay.count, set to 1) rather than failing the job.
 */
export function checkEnvelope(value: unknown): DecodeResult {
  if (!isRecord(value)) return { ok: false, reason: 'value is not a JSON object' };
  if (value.v !== ENVELOPE_VERSION)
    return { ok: false, reason: `unsupported envelope version ${JSON.stringify(value.v)}` };
  if (typeof value.id !== 'string' || value.id === '')
    return { ok: false, reason: 'id must be a non-empty string' };
  if (typeof value.name !== 'string') return { ok: false, reason: 'name must be a string' };
  if (!isCount(value.attemptsMade, 0)) return { ok: false, reason: 'attemptsMade must be an integer >= 0' };
  if (typeof value.ts !== 'number' || !Number.isFinite(value.ts))
    return { ok: false, reason: 'ts must be a number' };
  if (value.dueAt !== undefined && typeof value.dueAt !== 'number')
    return { ok: false, reason: 'dueAt must be a number' };
  const optsProblem = checkOptions(value.opts);
  if (optsProblem !== undefined) return { ok: false, reason: optsProblem };
  if (value.replay !== undefined) {
    const r = value.replay;
    if (!isRecord(r) || typeof r.from !== 'string' || typeof r.token !== 'string' || typeof r.at !== 'number')
      return { ok: false, reason: 'replay must be { from, at, token, count }' };
    if (!isCount(r.count, 1)) r.count = 1;
  }
  return { ok: true, envelope: value as unknown as JobEnvelope };
}

/** What is wrong with `value` as CompiledJobOptions; undefined when it is fine (checked in place). */
function checkOptions(value: unknown): string | undefined {
  if (!isRecord(value)) return 'opts must be an object';
  if (!isCount(value.attempts, 1)) return 'opts.attempts must be an integer >= 1';
  if (value.timeout !== undefined && !isCount(value.timeout, 1))
    return 'opts.timeout must be an integer >= 1';
  if (value.delay !== undefined && !isCount(value.delay, 0)) return 'opts.delay must be an integer >= 0';
  if (value.backoff !== undefined) {
    const b = value.backoff;
    if (!isRecord(b) || typeof b.type !== 'string' || !isCount(b.delay, 0))
      return 'opts.backoff must be { type: string, delay: integer >= 0 }';
    if (b.jitter !== undefined && !(typeof b.jitter === 'number' && b.jitter >= 0 && b.jitter <= 1))
      delete b.jitter;
    if (b.maxDelay !== undefined && !isCount(b.maxDelay, 1)) delete b.maxDelay;
  }
  if (value.priority !== undefined && !isCount(value.priority, 1))
    return 'opts.priority must be an integer >= 1';
  if (value.level !== undefined && !isCount(value.level, 1)) return 'opts.level must be an integer >= 1';
  if (value.orderingKey !== undefined && (typeof value.orderingKey !== 'string' || value.orderingKey === ''))
    return 'opts.orderingKey must be a non-empty string';
  if (value.dedup !== undefined) {
    const d = value.dedup;
    if (!isRecord(d) || typeof d.key !== 'string' || typeof d.token !== 'string')
      return 'opts.dedup must be { key: string, token: string, ttl? }';
    if (d.ttl !== undefined && !isCount(d.ttl, 1)) delete d.ttl;
  }
  return undefined;
}
