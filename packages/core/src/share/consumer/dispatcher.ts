/**
 * Decides what each broker link sends next; runs after every event (poll, acknowledge, answer, timer).
 *   1. RENEWs first: a lock is about to lapse.
 *   2. Fetches, only for outstanding demand: the MaxRecords of all fetches in flight never exceed what
 *      waiting polls asked for minus what is already buffered, split across the leaders of our partitions.
 *      Each fetch also fits the broker's per-partition lock cap: carried acks + records we hold +
 *      MaxRecords ≤ maxRecordLocks on every partition it spans (above, the broker parks it until MaxWaitMs).
 *      More than `ackSeparatelyAbove` queued ack records go first on a ShareAcknowledge, the fetch after
 *      its answer (same task, so the session epochs stay in order). Fewer ride along; with `ackBatchMs`
 *      set (off by default) only once due (acksDue): a request carrying acks is answered after the broker
 *      persisted them, and records that arrive meanwhile wait, so a fetch goes without them until they
 *      make a batch.
 *   3. Acks no fetch will carry: one ShareAcknowledge per link after `ackLingerMs`, so a burst of
 *      acknowledge() calls shares a request (a fetch dispatched meanwhile takes them instead).
 */
import type { DeliveryBuffer } from './delivery-buffer.js';
import { AcquireMode, BrokerLink, type FetcherHost } from './fetcher.js';
import { getOrCreate } from './maps.js';
import type { PartitionRouting } from './routing.js';

export interface DispatcherOptions {
  fetchMaxWaitMs: number;
  ackLingerMs: number;
  maxRecordLocks: number;
  ackSeparatelyAbove: number;
  ackBatchMs: number;
  ackBatchRecords: number;
}

export class Dispatcher {
  readonly links = new Map<number, BrokerLink>();
  /** MaxRecords of the fetches in flight. */
  private reserved = 0;
  private rotation = 0;
  private queued = false;
  private wakeTimer: NodeJS.Timeout | undefined;
  private wakeAt = Number.POSITIVE_INFINITY;
  /** No new fetches (closing). */
  fetching = true;
  /** Nothing at all: close() owns the links, or the consumer failed. */
  halted = false;

  constructor(
    private readonly host: FetcherHost,
    private readonly routing: PartitionRouting,
    private readonly buffer: DeliveryBuffer,
    private readonly options: DispatcherOptions,
  ) {}

  /** pump() once the current synchronous burst (e.g. many acknowledge() calls) is over. */
  schedule(): void {
    if (this.queued) return;
    this.queued = true;
    queueMicrotask(() => {
      this.queued = false;
      this.pump();
    });
  }

  pump(): void {
    if (this.halted) return;
    const now = this.host.now();
    for (const link of this.links.values()) {
      if (link.busy || now < link.blockedUntil) continue;
      if (this.routing.ackingOn(link.nodeId, 'renews').length === 0) continue;
      this.launch(link, () => (link.session.isOpen ? link.acknowledge('renews') : link.open()));
    }
    if (this.fetching) this.dispatchFetches(now);
    for (const nodeId of this.routing.leadersWithAcks()) {
      const link = this.link(nodeId);
      if (link.busy) continue;
      if (now < link.blockedUntil) {
        this.wakeIn(link.blockedUntil - now);
        continue;
      }
      if (!link.session.isOpen) {
        // Acks cannot ride on epoch 0: open the session without acquiring, then ShareAcknowledge.
        this.launch(link, () => link.open());
        continue;
      }
      if (link.lingerTimer) continue;
      link.lingerTimer = setTimeout(() => {
        link.lingerTimer = undefined;
        if (!this.halted && !link.busy && this.host.now() >= link.blockedUntil) {
          this.launch(link, () => link.acknowledge('acks'));
        } else this.pump();
      }, this.options.ackLingerMs);
    }
  }

  /** Wake pump() after `delayMs` (a link's backoff ends). */
  wakeIn(delayMs: number): void {
    const at = this.host.now() + delayMs;
    if (at >= this.wakeAt) return;
    clearTimeout(this.wakeTimer);
    this.wakeAt = at;
    this.wakeTimer = setTimeout(() => {
      this.wakeAt = Number.POSITIVE_INFINITY;
      this.pump();
    }, delayMs);
  }

  link(nodeId: number): BrokerLink {
    return getOrCreate(this.links, nodeId, () => new BrokerLink(nodeId, this.host));
  }

  /** Waits until no link has a request in flight. */
  async idle(): Promise<void> {
    for (;;) {
      const running = [...this.links.values()].map((l) => l.current).filter((c) => c !== undefined);
      if (running.length === 0) return;
      await Promise.allSettled(running);
    }
  }

  stop(): void {
    this.halted = true;
    clearTimeout(this.wakeTimer);
    for (const link of this.links.values()) clearTimeout(link.lingerTimer);
  }

  private dispatchFetches(now: number): void {
    let budget = this.buffer.demand - this.buffer.size - this.reserved;
    if (budget <= 0) return;
    const ready: BrokerLink[] = [];
    for (const [nodeId, partitions] of this.routing.assignedByLeader()) {
      if (partitions.size === 0) continue;
      const link = this.link(nodeId);
      if (link.busy) continue;
      if (now < link.blockedUntil) {
        this.wakeIn(link.blockedUntil - now);
        continue;
      }
      ready.push(link);
    }
    if (ready.length === 0) return;
    // Never long-poll past the waiting polls' own bound (a busy worker polls for 250 ms at most).
    const pollWaitMs = Math.max(0, Math.min(this.options.fetchMaxWaitMs, this.buffer.latestDeadline - now));
    const start = this.rotation++ % ready.length;
    const count = Math.min(ready.length, budget);
    for (let i = 0; i < count; i++) {
      const link = ready[(start + i) % ready.length] as BrokerLink;
      const share = Math.ceil(budget / (count - i));
      budget -= share;
      // A RENEW (or ack) queued behind this long poll waits for it: keep it well inside a lock duration.
      const maxWaitMs =
        link.lockTimeoutMs > 0 ? Math.min(pollWaitMs, Math.floor(link.lockTimeoutMs / 4)) : pollWaitMs;
      const separate = link.session.isOpen && this.queuedAckRecords(link) > this.options.ackSeparatelyAbove;
      // Acks held back for a batch still hold their locks: they count against the cap like carried ones.
      const maxRecords = Math.min(share, this.lockRoom(link, !separate, now));
      // No room: the acks (linger path) or the caller's acknowledge() calls make some, then pump() runs again.
      if (maxRecords <= 0) continue;
      this.startFetch(link, maxRecords, maxWaitMs, separate, separate || this.acksDue(link, now));
    }
  }

  /**
   * Whether this link's queued acks ride on its next fetch: once the oldest has waited ackBatchMs, or
   * ackBatchRecords are queued, or an internal entry (GAP, a retry) is among them.
   */
  private acksDue(link: BrokerLink, now: number): boolean {
    const { ackBatchMs, ackBatchRecords } = this.options;
    let records = 0;
    for (const p of this.host.ackingOn(link.nodeId, 'acks')) {
      for (const entry of p.acks) {
        if (entry.queuedAt === undefined || entry.attempts > 0 || now - entry.queuedAt >= ackBatchMs)
          return true;
        records += entry.lastOffset - entry.firstOffset + 1;
        if (records >= ackBatchRecords) return true;
      }
    }
    return false;
  }

  /** Ack records queued for this link's partitions. */
  private queuedAckRecords(link: BrokerLink): number {
    let n = 0;
    for (const p of this.host.ackingOn(link.nodeId, 'acks')) n += p.queuedAckRecords;
    return n;
  }

  /**
   * Records a fetch on `link` may acquire without hitting the lock cap on any partition it spans
   * (conservative: the fullest partition decides, as MaxRecords is one number for the whole fetch).
   */
  private lockRoom(link: BrokerLink, carriesAcks: boolean, now: number): number {
    let fullest = 0;
    for (const p of this.host.wantedOn(link.nodeId)) {
      const load = p.heldAt(now) + (carriesAcks ? p.queuedAckRecords : 0);
      if (load > fullest) fullest = load;
    }
    return this.options.maxRecordLocks - fullest;
  }

  private startFetch(
    link: BrokerLink,
    maxRecords: number,
    maxWaitMs: number,
    acksFirst: boolean,
    carryAcks: boolean,
  ): void {
    clearTimeout(link.lingerTimer);
    link.lingerTimer = undefined;
    this.reserved += maxRecords;
    this.launch(link, async () => {
      try {
        if (acksFirst) {
          await link.acknowledge('acks');
          // A failed ShareAcknowledge set a backoff (and maybe reset the session): pump() retries later.
          if (this.halted || !this.fetching || this.host.now() < link.blockedUntil) return;
        }
        // Whole batches only when every waiting poll takes all a fetch brings (PollOptions.acquire).
        const mode = this.buffer.batchesWanted ? AcquireMode.batchOptimized : AcquireMode.recordLimit;
        await link.fetch(maxRecords, maxWaitMs, mode, carryAcks);
      } finally {
        this.reserved -= maxRecords;
      }
    });
  }

  private launch(link: BrokerLink, task: () => Promise<void>): void {
    link.run(task, () => this.pump());
  }
}
