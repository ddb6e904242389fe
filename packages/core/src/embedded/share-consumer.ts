import { randomUUID } from 'node:crypto';
import type {
  AckReceipt,
  AckType,
  DeliveredRecord,
  PollOptions,
  RecordRef,
  ShareConsumer,
  ShareConsumerOptions,
} from '../engine/engine.js';
import { ClosedError, ValidationError } from '../errors.js';
import type { Clock } from './clock.js';
import type { GroupMember, ShareGroup } from './share-group.js';

/** The share fetch's default long-poll bound (Java share consumer fetch.max.wait.ms). */
const DEFAULT_MAX_WAIT_MS = 500;

const ACK_TYPES: ReadonlySet<string> = new Set(['accept', 'release', 'reject', 'renew']);

/**
 * A share-group member inside the embedded engine. poll() acquires directly from the group's
 * share-partitions; acknowledge() applies at once (no batching needed: there is no wire).
 */
export class EmbeddedShareConsumer implements ShareConsumer {
  readonly memberId: string = randomUUID();
  private readonly member: GroupMember;
  private closed = false;
  /** Wakes polls in flight when the consumer closes. */
  private readonly closing = new AbortController();

  constructor(
    private readonly group: ShareGroup,
    private readonly clock: Clock,
    options: ShareConsumerOptions,
    private readonly onClose: (consumer: EmbeddedShareConsumer) => void,
  ) {
    this.member = group.join(this.memberId, options.clientId ?? 'sharq-embedded', [...options.topics]);
  }

  async poll(maxRecords: number, options: PollOptions = {}): Promise<DeliveredRecord[]> {
    if (this.closed) throw new ClosedError('share consumer');
    if (!Number.isInteger(maxRecords) || maxRecords < 1) {
      throw new ValidationError(`maxRecords must be a positive integer, got ${maxRecords}`, [
        { path: 'maxRecords', message: 'expected a positive integer' },
      ]);
    }
    this.group.ensureMember(this.member);
    const first = this.group.acquire(this.member, maxRecords);
    const maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
    if (first.length > 0 || maxWaitMs <= 0 || options.signal?.aborted) return first;

    // Long poll: sleep until something changes (produce, release, expiry, close), never spin.
    const deadline = this.clock.now() + maxWaitMs;
    let timedOut = false;
    let wakeTimeout: (() => void) | undefined;
    const timeout = new Promise<void>((resolve) => {
      wakeTimeout = resolve;
    });
    const timer = this.clock.setTimer(
      () => {
        timedOut = true;
        wakeTimeout?.();
      },
      maxWaitMs,
      { keepAlive: true },
    );
    const stopped = abortPromise([options.signal, this.closing.signal]);
    this.member.polling++;
    try {
      for (;;) {
        const wait = this.group.waitForWork();
        await Promise.race([wait.promise, timeout, stopped.promise]);
        wait.cancel();
        if (this.closed || options.signal?.aborted) return [];
        const records = this.group.acquire(this.member, maxRecords);
        if (records.length > 0 || timedOut || this.clock.now() >= deadline) return records;
      }
    } finally {
      this.member.polling--;
      this.member.lastSeen = this.clock.now();
      timer.cancel();
      stopped.dispose();
    }
  }

  async acknowledge(record: RecordRef, type: AckType): Promise<AckReceipt> {
    if (this.closed) throw new ClosedError('share consumer');
    if (!ACK_TYPES.has(type)) {
      throw new ValidationError(`unknown acknowledge type ${String(type)}`, [
        { path: 'type', message: 'invalid' },
      ]);
    }
    return this.group.acknowledge(this.member, record, type);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.closing.abort();
    this.group.leave(this.memberId);
    this.onClose(this);
  }
}

/** A promise that resolves when any of the signals aborts, with a dispose() that removes the listeners. */
function abortPromise(signals: readonly (AbortSignal | undefined)[]): {
  promise: Promise<void>;
  dispose: () => void;
} {
  const cleanups: (() => void)[] = [];
  const promise = new Promise<void>((resolve) => {
    for (const signal of signals) {
      if (!signal) continue;
      if (signal.aborted) {
        resolve();
        continue;
      }
      const listener = () => resolve();
      signal.addEventListener('abort', listener, { once: true });
      cleanups.push(() => signal.removeEventListener('abort', listener));
    }
  });
  return {
    promise,
    dispose: () => {
      for (const cleanup of cleanups) cleanup();
    },
  };
}
