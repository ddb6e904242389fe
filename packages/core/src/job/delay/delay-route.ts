/**
 * Where a record that is not due yet goes: the largest delay bucket not above its remaining
 * delay (or the smallest bucket when less than that remains), with two headers:
 *   sharq-due-at      when the job is due (epoch ms, decimal) — kept across hops
 *   sharq-forward-at  when this bucket hands it on: min(dueAt, now + bucketMs)
 * In every bucket but the smallest, forward-at = produce time + bucketMs, so forward-at grows
 * with the offset and the head of a partition is always the next record to move. In the
 * smallest bucket a record can wait behind an earlier one by less than that bucket (1 s):
 * that is the bound on how late a due job becomes waiting.
 */
import type { OutgoingRecord, StoredRecord } from '../../engine/engine.js';
import { levelFromHeader, PRIORITY_LEVEL_HEADER, readyTopic } from '../priority/levels.js';
import type { DelayBucket, QueueTopology } from '../topology.js';

export const DUE_AT_HEADER = 'sharq-due-at';
export const FORWARD_AT_HEADER = 'sharq-forward-at';

export function pickBucket(buckets: readonly DelayBucket[], remainingMs: number): DelayBucket {
  let chosen = buckets[0];
  if (!chosen) throw new RangeError('topology has no delay buckets');
  for (const bucket of buckets) if (bucket.bucketMs <= remainingMs) chosen = bucket;
  return chosen;
}

export interface Routed {
  topic: string;
  record: OutgoingRecord;
}

/** Route a job record due at `dueAt`: to the queue topic if due, else into a delay bucket. */
export function routeDelayed(
  topology: QueueTopology,
  record: OutgoingRecord,
  dueAt: number,
  now: number,
): Routed {
  const headers = withoutDelayHeaders(record.headers);
  const remaining = dueAt - now;
  if (remaining <= 0) {
    const out: OutgoingRecord = { key: record.key ?? null, value: record.value };
    if (headers) out.headers = headers;
    // A prioritised job (header set by encodeEnvelope) goes back to its level's topic.
    const level = levelFromHeader(record.headers?.[PRIORITY_LEVEL_HEADER]);
    return { topic: readyTopic(topology, level), record: out };
  }
  const bucket = pickBucket(topology.delayBuckets, remaining);
  const forwardAt = Math.min(dueAt, now + bucket.bucketMs);
  return {
    topic: bucket.topic,
    record: {
      key: record.key ?? null,
      value: record.value,
      timestamp: now,
      headers: { ...headers, [DUE_AT_HEADER]: String(dueAt), [FORWARD_AT_HEADER]: String(forwardAt) },
    },
  };
}

function withoutDelayHeaders(
  headers: Record<string, Buffer | string> | undefined,
): Record<string, Buffer | string> | undefined {
  if (!headers) return undefined;
  const out: Record<string, Buffer | string> = {};
  let any = false;
  for (const [name, value] of Object.entries(headers)) {
    if (name === DUE_AT_HEADER || name === FORWARD_AT_HEADER) continue;
    out[name] = value;
    any = true;
  }
  return any ? out : undefined;
}

export interface DelaySchedule {
  dueAt: number;
  forwardAt: number;
}

/** The schedule a bucket record carries; undefined when the headers are missing or garbled. */
export function readDelaySchedule(record: Pick<StoredRecord, 'headers'>): DelaySchedule | undefined {
  const due = Number(record.headers[DUE_AT_HEADER]?.toString());
  const forward = Number(record.headers[FORWARD_AT_HEADER]?.toString());
  if (!Number.isFinite(due) || !Number.isFinite(forward)) return undefined;
  return { dueAt: due, forwardAt: forward };
}

/** A stored record back to an outgoing one (headers kept). */
export function toOutgoing(record: StoredRecord): OutgoingRecord {
  const out: OutgoingRecord = { key: record.key, value: record.value };
  if (Object.keys(record.headers).length > 0) out.headers = { ...record.headers };
  return out;
}
