/**
 * Drives one partition of a classic group: the committed offset, the current owner's lease (its
 * ownership signal), and how records reach the owner.
 *
 * Default (maxInFlightPerPartition 1): one record at a time in offset order, committing past each 'done';
 * 'retryAt' pauses the partition on a timer and hands the same record again; no polling loop runs while
 * paused or caught up. A partition changes hands only between records, like kafkajs, whose rejoin waits
 * for the batch in hand: the verdict of the record in onRecord still counts, its signal aborts at once.
 *
 * Windowed (above 1): a PartitionWindow per lease. A new owner starts at the committed offset right
 * away; the old window's verdicts are ignored from then on.
 */
import type { StoredRecord } from '../engine/engine.js';
import type { Clock, TimerHandle } from './clock.js';
import type { GroupRunner } from './group-consumer.js';
import type { PartitionLog } from './partition-log.js';
import { decodeDoneOffsets } from '../engine/done-offsets.js';
import { PartitionWindow } from './partition-window.js';

/** How long a partition waits before handing the same record again after onRecord threw. */
const ERROR_RETRY_MS = 1000;

interface Lease {
  readonly owner: GroupRunner;
  /** Default mode: the ownership of the record in onRecord (one signal per record). */
  current: AbortController | undefined;
  readonly window: PartitionWindow | undefined;
}

export class PartitionDriver {
  private lease: Lease | undefined;
  private running = false;
  private retry: TimerHandle | undefined;
  private stopped = false;
  /** The windowed commit's metadata: the records done above `committed` (done-offsets.ts). */
  private committedMetadata = '';

  constructor(
    readonly log: PartitionLog,
    private readonly clock: Clock,
    private committed: number,
  ) {}

  get committedOffset(): number {
    return this.committed;
  }

  /** The member that holds the partition now, if any. */
  get owner(): GroupRunner | undefined {
    return this.lease?.owner;
  }

  /** Give the partition to `owner` (or nobody): the previous owner's signal aborts. */
  assign(owner: GroupRunner | undefined): void {
    if (this.lease?.owner !== owner) {
      this.endLease();
      if (owner) {
        const max = owner.options.maxInFlightPerPartition ?? 1;
        const commit = (offset: number, metadata: string) => {
          this.committed = offset;
          this.committedMetadata = metadata;
        };
        const doneAbove = decodeDoneOffsets(this.committed, this.committedMetadata);
        const window =
          max > 1
            ? new PartitionWindow(this.log, this.clock, owner, max, this.committed, commit, doneAbove)
            : undefined;
        this.lease = { owner, current: undefined, window };
      }
    }
    this.kick();
  }

  /** Something changed (append, owner): run if idle. */
  kick(): void {
    const lease = this.lease;
    if (this.stopped || !lease) return;
    if (lease.window) {
      // A default-mode record still in onRecord finishes (and commits) before the window starts there.
      if (!this.running) lease.window.pump();
      return;
    }
    if (this.running || this.retry) return;
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    this.retry?.cancel();
    this.retry = undefined;
    this.endLease();
  }

  private endLease(): void {
    const lease = this.lease;
    this.lease = undefined;
    lease?.window?.stop();
    lease?.current?.abort();
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      for (;;) {
        const lease = this.lease;
        if (this.stopped || !lease || lease.owner.closed || lease.window) return;
        const offset = Math.max(this.committed, this.log.startOffset);
        const record: StoredRecord | undefined = this.log.get(offset);
        if (!record) return;
        let verdict: Awaited<ReturnType<GroupRunner['options']['onRecord']>>;
        const ownership = new AbortController();
        lease.current = ownership;
        try {
          verdict = await lease.owner.options.onRecord(record, ownership.signal);
        } catch (error) {
          lease.owner.reportError(error);
          this.pauseFor(ERROR_RETRY_MS);
          return;
        } finally {
          lease.current = undefined;
        }
        if (verdict.kind === 'done') {
          this.committed = offset + 1;
          this.committedMetadata = '';
        } else {
          this.pauseFor(verdict.at - this.clock.now());
          return;
        }
      }
    } finally {
      this.running = false;
      if (this.lease?.window) this.kick();
    }
  }

  private pauseFor(ms: number): void {
    if (this.stopped) return;
    // keepAlive: a due delayed job must still fire in a process that has nothing else to do.
    this.retry = this.clock.setTimer(
      () => {
        this.retry = undefined;
        this.kick();
      },
      Math.max(0, ms),
      { keepAlive: true },
    );
  }
}
