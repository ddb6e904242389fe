import type { DeliveredRecord, Job, JobEnvelope } from '@sharq/core';
import type { LazyAbort } from './lazy-abort.js';

/**
 * Where one acquired record is in its life inside this worker:
 * running  — the processor owns it; the renewer keeps its lock alive.
 * settling — the processor finished; we are writing DLQ/retry copies and acknowledging.
 * lost     — a renewal was refused or the lock lapsed: the broker may already have redelivered it, so we
 *            never acknowledge it and discard whatever the processor returns.
 * released — close() gave up waiting and RELEASEd it; a late processor result is discarded.
 * done     — acknowledged (or deliberately abandoned); about to leave the active set.
 */
export type ActiveJobState = 'running' | 'settling' | 'lost' | 'released' | 'done';

export interface ActiveJob {
  readonly record: DeliveredRecord;
  /** Absent when the record did not decode (malformed). */
  readonly envelope: JobEnvelope | undefined;
  // biome-ignore lint/suspicious/noExplicitAny: the active set is heterogeneous over the worker's Data/Result
  readonly job: Job<any, any> | undefined;
  /** The attempt's abort (timeout, lost lock, close) and the processor's context with its lazy signal. */
  readonly aborter: LazyAbort;
  readonly startedAt: number;
  /** The lock span the broker granted at acquisition; renewals aim at its half-life. */
  readonly lockSpanMs: number;
  lockExpiresAt: number;
  renewing: boolean;
  /** After a transient renewal failure: no new RENEW before this time (epoch ms). */
  renewRetryAt?: number;
  state: ActiveJobState;
}

/**
 * An acquired record waiting in the prefetch window for a free slot. The lock renewer RENEWs it like a
 * running job (a RENEW never counts a delivery), so waiting burns no attempt.
 * held     — waiting; started in acquisition order as slots free.
 * started  — a slot took it (an ActiveJob carries on with its lock).
 * lost     — a renewal was refused: the broker has it back; it is dropped, never acknowledged.
 * released — handed back (close, or its lock ran too short to start it).
 */
export interface HeldRecord {
  readonly record: DeliveredRecord;
  readonly envelope: undefined;
  /** The lock span the broker granted at acquisition. */
  readonly lockSpanMs: number;
  /** When the poll that acquired it landed (epoch ms). */
  readonly heldAt: number;
  lockExpiresAt: number;
  renewing: boolean;
  renewRetryAt?: number;
  state: 'held' | 'started' | 'lost' | 'released';
}

/** What the lock renewer keeps alive: running jobs and held records. */
export type LockHolder = ActiveJob | HeldRecord;

/** True while the renewer must keep this lock alive. */
export function needsLock(holder: LockHolder): boolean {
  return holder.state === 'running' || holder.state === 'held';
}

export function refOf(active: { readonly record: DeliveredRecord }): {
  topic: string;
  partition: number;
  offset: number;
} {
  const { topic, partition, offset } = active.record;
  return { topic, partition, offset };
}

export function describeRecord(record: DeliveredRecord): string {
  return `${record.topic}[${record.partition}]@${record.offset}`;
}
