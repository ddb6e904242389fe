/**
 * Turns queued acknowledgements of one partition into AcknowledgementBatches: every run of consecutive
 * offsets becomes one batch, with a single AcknowledgeType when the run is uniform (the common case: a
 * worker accepting what it polled) or one type per offset when it is mixed. The broker rejects
 * overlapping batches, so an offset queued twice is deferred to the next request instead of being merged.
 */
import type { AckReceipt } from '../../engine/engine.js';
import type { SessionGeneration } from './session.js';
import type { AcknowledgementBatch } from './wire.js';

/** One queued acknowledgement: a single offset from acknowledge(), or an internal GAP range. */
export interface PendingAck {
  firstOffset: number;
  lastOffset: number;
  type: number;
  /** Requests this entry was already part of without a broker verdict (reset, lost connection). */
  attempts: number;
  /**
   * Set after the broker refused a multi-offset request for this partition: only entries of one
   * isolation group go into a request, so the offending offset is found by halving (see acknowledgements.ts).
   */
  isolation?: number;
  /**
   * The share session whose acquisition this acks; absent when unknown (the offset was never delivered by
   * this consumer, e.g. a caller's copy after a restart of the process). Entries of an ended generation fail.
   */
  generation?: SessionGeneration;
  /** When acknowledge() queued it (consumer clock); absent for internal entries, which never wait for a batch. */
  queuedAt?: number;
  /** Absent for internal entries (GAP, release on close) that nobody awaits. */
  resolve?: (receipt: AckReceipt) => void;
  reject?: (error: Error) => void;
}

export interface PlannedAcks {
  batches: AcknowledgementBatch[];
  /** Entries carried by `batches`. */
  taken: PendingAck[];
  /** Entries overlapping an earlier one: for a later request. */
  deferred: PendingAck[];
}

function isSorted(entries: readonly PendingAck[]): boolean {
  for (let i = 1; i < entries.length; i++) {
    if ((entries[i] as PendingAck).firstOffset < (entries[i - 1] as PendingAck).firstOffset) return false;
  }
  return true;
}

export function planAcks(entries: readonly PendingAck[]): PlannedAcks {
  const sorted = isSorted(entries) ? entries : [...entries].sort((a, b) => a.firstOffset - b.firstOffset);
  const batches: AcknowledgementBatch[] = [];
  const taken: PendingAck[] = [];
  const deferred: PendingAck[] = [];
  let current: AcknowledgementBatch | undefined;
  // Per-offset types of the current run, materialised only once the run turns out mixed.
  let mixed: number[] | undefined;
  for (const entry of sorted) {
    if (current && entry.firstOffset <= current.lastOffset) {
      deferred.push(entry);
      continue;
    }
    taken.push(entry);
    const uniform = current?.acknowledgeTypes.length === 1 && mixed === undefined;
    if (current && entry.firstOffset === current.lastOffset + 1) {
      if (uniform && current.acknowledgeTypes[0] === entry.type) {
        current.lastOffset = entry.lastOffset;
        continue;
      }
      if (!mixed) {
        const first = current.acknowledgeTypes[0] as number;
        mixed = new Array<number>(current.lastOffset - current.firstOffset + 1).fill(first);
        current.acknowledgeTypes = mixed;
      }
      for (let o = entry.firstOffset; o <= entry.lastOffset; o++) mixed.push(entry.type);
      current.lastOffset = entry.lastOffset;
      continue;
    }
    current = {
      firstOffset: entry.firstOffset,
      lastOffset: entry.lastOffset,
      acknowledgeTypes: [entry.type],
    };
    mixed = undefined;
    batches.push(current);
  }
  return { batches, taken, deferred };
}
