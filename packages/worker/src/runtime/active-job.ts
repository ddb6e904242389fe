import type { DeliveredRecord, Job, JobEnvelope } from '@sharq/core';

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
  readonly controller: AbortController;
  readonly startedAt: number;
  /** The lock span the broker granted at acquisition; renewals aim at its half-life. */
  readonly lockSpanMs: number;
  lockExpiresAt: number;
  renewing: boolean;
  /** After a transient renewal failure: no new RENEW before this time (epoch ms). */
  renewRetryAt?: number;
  state: ActiveJobState;
}

export function refOf(active: ActiveJob): { topic: string; partition: number; offset: number } {
  const { topic, partition, offset } = active.record;
  return { topic, partition, offset };
}

export function describeRecord(record: DeliveredRecord): string {
  return `${record.topic}[${record.partition}]@${record.offset}`;
}
