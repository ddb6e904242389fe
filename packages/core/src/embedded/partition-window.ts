/**
 * One owner's hand-out of one partition with maxInFlightPerPartition > 1: records go to onRecord in offset
 * order without waiting for earlier verdicts, at most `max` not yet done at once; the committed offset is
 * always the first record not yet done (the contiguous done prefix), so the next owner skips nothing it
 * should run; the records done above it go with the commit as metadata (done-offsets.ts), and a window
 * built on that commit skips them.
 *
 * Only 'done' is a verdict here: 'retryAt' and a throwing handler are reported and the same record is
 * handed again after a second, still counting against the window. stop() (the partition changed hands)
 * aborts the signal of every record in flight (one signal per record, so listeners never pile up on one)
 * and makes every later verdict a no-op.
 */
import type { GroupVerdict, StoredRecord } from '../engine/engine.js';
import type { Clock, TimerHandle } from './clock.js';
import type { GroupRunner } from './group-consumer.js';
import type { PartitionLog } from './partition-log.js';
import { encodeDoneOffsets } from '../engine/done-offsets.js';
import { verdictNotDoneInWindow } from '../engine/windowed-verdict.js';

/** How long a record waits before it is handed again after 'retryAt' or a throw. */
const HAND_AGAIN_MS = 1000;

interface InFlight {
  readonly record: StoredRecord;
  readonly ownership: AbortController;
}

export class PartitionWindow {
  private next: number;
  /** Handed, not done; a Map keeps insertion order, which is offset order, so the first key is the lowest. */
  private readonly inFlight = new Map<number, InFlight>();
  private readonly timers = new Set<TimerHandle>();
  private stopped = false;

  constructor(
    private readonly log: PartitionLog,
    private readonly clock: Clock,
    private readonly owner: GroupRunner,
    private readonly max: number,
    start: number,
    private readonly commit: (offset: number, metadata: string) => void,
    /** Done above `start` by the previous owner (its commit metadata): skipped, never handed. */
    private readonly doneAbove: ReadonlySet<number> = new Set(),
  ) {
    this.next = start;
  }

  /** Hand out records until the window is full or the log has no more. */
  pump(): void {
    if (this.stopped) return;
    this.next = Math.max(this.next, this.log.startOffset);
    while (this.inFlight.size < this.max) {
      if (this.doneAbove.has(this.next)) {
        this.next++;
        continue;
      }
      const record = this.log.get(this.next);
      if (!record) break;
      const entry = { record, ownership: new AbortController() };
      this.inFlight.set(record.offset, entry);
      this.next++;
      this.hand(entry);
    }
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) timer.cancel();
    this.timers.clear();
    for (const entry of this.inFlight.values()) entry.ownership.abort();
    this.inFlight.clear();
  }

  private hand(entry: InFlight): void {
    let verdict: Promise<GroupVerdict>;
    try {
      verdict = this.owner.options.onRecord(entry.record, entry.ownership.signal);
    } catch (error) {
      verdict = Promise.reject(error);
    }
    verdict.then(
      (v) => this.settle(entry, v),
      (error: unknown) => this.failed(entry, error),
    );
  }

  private settle(entry: InFlight, verdict: GroupVerdict): void {
    if (this.stopped) return;
    const { record } = entry;
    if (verdict.kind !== 'done') {
      this.failed(entry, verdictNotDoneInWindow(record, verdict));
      return;
    }
    this.inFlight.delete(record.offset);
    const first = this.inFlight.keys().next();
    const committed = first.done ? this.next : first.value;
    this.commit(committed, encodeDoneOffsets(committed, this.inFlight.keys(), this.next));
    this.pump();
  }

  private failed(entry: InFlight, error: unknown): void {
    if (this.stopped) return;
    this.owner.reportError(error);
    // keepAlive: like a due delayed job, a record waiting to be handed again must not let the process exit.
    const timer = this.clock.setTimer(
      () => {
        this.timers.delete(timer);
        if (!this.stopped && this.inFlight.get(entry.record.offset) === entry) this.hand(entry);
      },
      HAND_AGAIN_MS,
      { keepAlive: true },
    );
    this.timers.add(timer);
  }
}
