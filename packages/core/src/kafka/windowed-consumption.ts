/**
 * runGroupConsumer with maxInFlightPerPartition > 1 on one kafkajs consumer (autoCommit off).
 *
 * Hand-out: eachBatch takes records into a per-partition queue (resolveOffset moves the fetch position past
 * them) and returns at once (kafkajs' fetcher waits for every batch handler before its next fetch, and a
 * rejoin waits for the fetcher, so awaiting here would stall both). From the queue, records go to onRecord
 * in offset order without awaiting them, at most `max` not yet done. The partition is paused while
 * QUEUED_WINDOWS × max records wait in the queue and resumed when fewer do: the queue hides the fetch cycle
 * (a resumed partition is fetched again only after kafkajs' current long-poll, or its idle sleep when every
 * partition is paused, up to MAX_WAIT_MS = 250 ms), so a done record's successor is handed at once.
 *
 * Commit: the first record not yet done (handed or queued; else the next offset to fetch), with the
 * records done above it as the commit's metadata (done-offsets.ts): a partition gained at a join is paused
 * until its committed metadata is read, and the records it lists are skipped, not run again. One
 * OffsetCommit in flight at a time, coalescing what finished meanwhile. kafkajs itself commits nothing with autoCommit off (neither on
 * rebalance nor on seek), so nothing is ever committed past a record not yet done.
 *
 * Rebalance: a join builds a new kafkajs offset manager that would fetch kept partitions again from the
 * committed offset; onJoin seeks them to the next offset to hand instead (a seek without autoCommit only
 * moves the fetch position), keeps their records in flight, and commits them again under the new
 * generation. Lost partitions drop their state: the verdicts of their records are ignored, and the new
 * owner starts at our last commit. A commit of the old generation after the join fails on the broker
 * (ILLEGAL_GENERATION), so a lost partition is never committed by us after the new owner starts.
 */
import type { Consumer, EachBatchPayload } from 'kafkajs';
import type { GroupVerdict, StoredRecord } from '../engine/engine.js';
import { fromKafkajsMessage } from './kafkajs-message.js';
import {
  type AssignmentChange,
  key,
  type PartitionOwnership,
  type RecordLease,
} from './partition-ownership.js';
import { decodeDoneOffsets, encodeDoneOffsets } from '../engine/done-offsets.js';
import { verdictNotDoneInWindow } from '../engine/windowed-verdict.js';

/** How long a record waits before it is handed again after 'retryAt' or a throw; also the commit retry. */
const HAND_AGAIN_MS = 1000;
/**
 * Queue capacity in windows. Measured on the broker with 50–130 ms handlers and a window of 10: a queue of
 * one window still left every partition idle for part of each ~270 ms fetch cycle; four windows cover it
 * unless the handlers are faster than ~4 windows per 250 ms.
 */
const QUEUED_WINDOWS = 4;
/** Commit failures that mean "a rebalance is on": the next join commits again, nothing to report. */
const REJOIN_ERRORS = new Set(['ILLEGAL_GENERATION', 'REBALANCE_IN_PROGRESS', 'UNKNOWN_MEMBER_ID']);

interface InFlight {
  readonly record: StoredRecord;
  /** Its ownership signal, the same each time the record is handed again. */
  readonly lease: RecordLease;
}

interface PartitionState {
  readonly topic: string;
  readonly partition: number;
  /** The next offset to take from a batch; undefined before the first record. */
  next: number | undefined;
  /** Handed, not done, in offset order (a Map keeps insertion order); all below `queued`. */
  readonly inFlight: Map<number, InFlight>;
  /** Fetched, not yet handed, in offset order. */
  queued: StoredRecord[];
  paused: boolean;
  /** The last offset we know the broker committed for us, and its metadata. */
  committed: number | undefined;
  committedMetadata: string | undefined;
  readonly timers: Set<NodeJS.Timeout>;
}

/** A committed position as the group's admin reads it (offset "-1": nothing committed). */
export interface CommittedPosition {
  partition: number;
  offset: string;
  metadata: string | null;
}

export interface WindowedOptions {
  max: number;
  /** The group's committed offsets (with metadata) for one topic: read for partitions gained at a join. */
  readCommitted: (topic: string) => Promise<CommittedPosition[]>;
  onRecord: (record: StoredRecord, ownership: AbortSignal) => Promise<GroupVerdict>;
  report: (error: unknown) => void;
}

export class WindowedConsumption {
  private readonly partitions = new Map<string, PartitionState>();
  private committing: Promise<void> | undefined;
  private commitAgain = false;
  private commitRetry: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly queueCapacity: number;
  /** Per gained partition: records the previous owner had done above its commit (skipped when fetched). */
  private readonly doneAbove = new Map<string, Set<number>>();
  /** The load of a gained partition's committed metadata in progress (a newer join supersedes it). */
  private readonly loading = new Map<string, symbol>();

  constructor(
    private readonly consumer: Consumer,
    private readonly ownership: PartitionOwnership,
    private readonly options: WindowedOptions,
  ) {
    this.queueCapacity = QUEUED_WINDOWS * options.max;
  }

  readonly eachBatch = async ({ batch, resolveOffset, isRunning, isStale }: EachBatchPayload) => {
    const { topic, partition } = batch;
    const state = this.state(topic, partition);
    for (const message of batch.messages) {
      if (this.stopped || !isRunning() || isStale()) return;
      const offset = Number(message.offset);
      if (state.next !== undefined && offset < state.next) {
        // Already handed (a fetch that started before a seek): only move the fetch position on.
        resolveOffset(message.offset);
        continue;
      }
      if (state.queued.length >= this.queueCapacity) break;
      const skip = this.doneAbove.get(key(topic, partition));
      if (skip?.delete(offset)) {
        // Done by the previous owner (its commit metadata): never handed again.
        if (skip.size === 0) this.doneAbove.delete(key(topic, partition));
        state.next = offset + 1;
        resolveOffset(message.offset);
        continue;
      }
      state.queued.push(fromKafkajsMessage(topic, partition, message));
      state.next = offset + 1;
      resolveOffset(message.offset);
    }
    this.fill(state);
    if (state.queued.length >= this.queueCapacity && !state.paused) {
      state.paused = true;
      this.safely(() => this.consumer.pause([{ topic, partitions: [partition] }]));
    }
  };

  /** A join completed (GROUP_JOIN); `change` is what PartitionOwnership made of the new assignment. */
  onJoin(change: AssignmentChange): void {
    for (const { topic, partition } of change.lost) {
      this.drop(topic, partition);
      // kafkajs keeps pause flags across assignments: a partition we get back later must not stay paused.
      this.safely(() => this.consumer.resume([{ topic, partitions: [partition] }]));
    }
    const gainedByTopic = new Map<string, number[]>();
    for (const { topic, partition } of change.gained) {
      this.drop(topic, partition);
      // Paused until the previous owner's done records are known (GROUP_JOIN comes before any fetch).
      this.safely(() => this.consumer.pause([{ topic, partitions: [partition] }]));
      gainedByTopic.set(topic, [...(gainedByTopic.get(topic) ?? []), partition]);
    }
    for (const [topic, partitions] of gainedByTopic) void this.loadDone(topic, partitions);
    for (const { topic, partition } of change.kept) {
      const state = this.partitions.get(key(topic, partition));
      if (state?.next === undefined) continue;
      const offset = String(state.next);
      this.safely(() => this.consumer.seek({ topic, partition, offset }));
      state.committed = undefined;
      state.committedMetadata = undefined;
    }
    this.commitSoon();
  }

  /** The consumer crashed (kafkajs left the group): every record will be handed to the next owner. */
  loseAll(): void {
    for (const state of [...this.partitions.values()]) this.drop(state.topic, state.partition);
  }

  /** Commits what is done now (before a rejoin hands partitions over); reports failures, never throws. */
  async flush(): Promise<void> {
    if (this.stopped) return;
    await this.committing;
    await this.commitOnce().catch((error: unknown) => this.reportCommitError(error));
  }

  /** Hand out nothing more, ignore later verdicts, commit what is done (before the consumer leaves). */
  async close(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.commitRetry);
    for (const state of this.partitions.values()) for (const t of state.timers) clearTimeout(t);
    await this.committing;
    await this.commitOnce().catch((error: unknown) => this.reportCommitError(error));
    this.partitions.clear();
  }

  private state(topic: string, partition: number): PartitionState {
    const k = key(topic, partition);
    let state = this.partitions.get(k);
    if (!state) {
      state = {
        topic,
        partition,
        next: undefined,
        inFlight: new Map(),
        queued: [],
        paused: false,
        committed: undefined,
        committedMetadata: undefined,
        timers: new Set(),
      };
      this.partitions.set(k, state);
    }
    return state;
  }

  /** Reads the committed metadata of gained partitions, then resumes them; a failed read only re-runs. */
  private async loadDone(topic: string, partitions: number[]): Promise<void> {
    const token = Symbol('load');
    for (const partition of partitions) this.loading.set(key(topic, partition), token);
    let positions: CommittedPosition[] = [];
    try {
      positions = await this.options.readCommitted(topic);
    } catch (error) {
      if (!this.stopped) this.options.report(error);
    }
    for (const partition of partitions) {
      const k = key(topic, partition);
      if (this.stopped || this.loading.get(k) !== token) continue;
      this.loading.delete(k);
      const position = positions.find((p) => p.partition === partition);
      const committed = Number(position?.offset ?? -1);
      const done = committed >= 0 ? decodeDoneOffsets(committed, position?.metadata) : new Set<number>();
      if (done.size > 0) this.doneAbove.set(k, done);
      this.safely(() => this.consumer.resume([{ topic, partitions: [partition] }]));
    }
  }

  private drop(topic: string, partition: number): void {
    const k = key(topic, partition);
    this.doneAbove.delete(k);
    this.loading.delete(k);
    const state = this.partitions.get(k);
    if (!state) return;
    this.partitions.delete(k);
    for (const t of state.timers) clearTimeout(t);
  }

  private current(state: PartitionState): boolean {
    return !this.stopped && this.partitions.get(key(state.topic, state.partition)) === state;
  }

  /** Hands queued records while the window has room. */
  private fill(state: PartitionState): void {
    while (state.inFlight.size < this.options.max) {
      const record = state.queued.shift();
      if (!record) return;
      const entry = { record, lease: this.ownership.lease(state.topic, state.partition) };
      state.inFlight.set(record.offset, entry);
      this.hand(state, entry);
    }
  }

  private hand(state: PartitionState, entry: InFlight): void {
    const call = async () => this.options.onRecord(entry.record, entry.lease.signal);
    call().then(
      (verdict) => this.settle(state, entry, verdict),
      (error: unknown) => this.failed(state, entry, error),
    );
  }

  private settle(state: PartitionState, entry: InFlight, verdict: GroupVerdict): void {
    if (!this.current(state)) return;
    const { record } = entry;
    if (verdict.kind !== 'done') {
      this.failed(state, entry, verdictNotDoneInWindow(record, verdict));
      return;
    }
    state.inFlight.delete(record.offset);
    entry.lease.release();
    this.fill(state);
    if (state.paused && state.queued.length < this.queueCapacity) {
      state.paused = false;
      this.safely(() => this.consumer.resume([{ topic: state.topic, partitions: [state.partition] }]));
    }
    this.commitSoon();
  }

  private failed(state: PartitionState, entry: InFlight, error: unknown): void {
    if (!this.current(state)) return;
    this.options.report(error);
    const timer = setTimeout(() => {
      state.timers.delete(timer);
      if (this.current(state) && state.inFlight.get(entry.record.offset) === entry) this.hand(state, entry);
    }, HAND_AGAIN_MS);
    state.timers.add(timer);
  }

  private commitSoon(): void {
    if (this.stopped) return;
    if (this.committing) {
      this.commitAgain = true;
      return;
    }
    this.committing = (async () => {
      do {
        this.commitAgain = false;
        try {
          await this.commitOnce();
        } catch (error) {
          if (!this.reportCommitError(error)) continue;
          clearTimeout(this.commitRetry);
          this.commitRetry = setTimeout(() => this.commitSoon(), HAND_AGAIN_MS);
          return;
        }
      } while (this.commitAgain && !this.stopped);
    })().finally(() => {
      this.committing = undefined;
    });
  }

  /** Commits every owned partition whose position or done records moved since its last commit. */
  private async commitOnce(): Promise<void> {
    const due: { state: PartitionState; offset: number; metadata: string }[] = [];
    for (const state of this.partitions.values()) {
      const first = state.inFlight.keys().next();
      const limit = state.queued[0]?.offset ?? state.next;
      const offset = first.done ? limit : first.value;
      if (offset === undefined || limit === undefined) continue;
      const metadata = encodeDoneOffsets(offset, state.inFlight.keys(), limit);
      if (offset !== state.committed || metadata !== state.committedMetadata)
        due.push({ state, offset, metadata });
    }
    if (due.length === 0) return;
    await this.consumer.commitOffsets(
      due.map(({ state, offset, metadata }) => ({
        topic: state.topic,
        partition: state.partition,
        offset: String(offset),
        metadata: metadata === '' ? null : metadata,
      })),
    );
    for (const { state, offset, metadata } of due) {
      state.committed = offset;
      state.committedMetadata = metadata;
    }
  }

  /** Reports a commit failure unless it only means "rejoin"; true if it was reported (worth a retry). */
  private reportCommitError(error: unknown): boolean {
    if (isRejoinError(error)) return false;
    this.options.report(error);
    return true;
  }

  /** pause/resume/seek throw while kafkajs has no consumer group (between a crash and its restart). */
  private safely(call: () => void): void {
    try {
      call();
    } catch (error) {
      if (!this.stopped) this.options.report(error);
    }
  }
}

/** kafkajs' retrier wraps a non-retriable broker error (KafkaJSNonRetriableError), so look down the causes. */
function isRejoinError(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const e = error as { type?: unknown; cause?: unknown; originalError?: unknown };
  if (typeof e.type === 'string' && REJOIN_ERRORS.has(e.type)) return true;
  return isRejoinError(e.cause, depth + 1) || isRejoinError(e.originalError, depth + 1);
}
