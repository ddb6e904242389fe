/**
 * Where each share-partition's traffic goes: which partitions the group assigned to us, which broker
 * leads each one (fetches and acks go to the leader, never a follower), and keeping that current with
 * debounced metadata refreshes when a broker says a leader moved or a topic id is unknown.
 */
import { brokerError } from '../../client/errors.js';
import { type AckKind, rejectQueued } from './acknowledgements.js';
import { getOrCreate } from './maps.js';
import type { AssignedPartition } from './membership.js';
import { PartitionRegistry, type SharePartitionState } from './partitions.js';
import type { ShareTransport } from './transport.js';

const MIN_REFRESH_INTERVAL_MS = 200;
/**
 * Right after a broker restart or a leader election, metadata can briefly show a partition without a
 * leader. Failing its queued acks at once would make those jobs run again; they wait this long first
 * (longer than any lock is useful for anyway only when the topic is really gone).
 */
const LEADERLESS_GRACE_MS = 30_000;
const UNKNOWN_TOPIC_OR_PARTITION = 3;
const EMPTY: ReadonlySet<SharePartitionState> = new Set();

export class PartitionRouting {
  private readonly leaderlessSince = new WeakMap<SharePartitionState, number>();
  readonly partitions = new PartitionRegistry();
  /** Assigned partitions by leader node. */
  private wanted = new Map<number, Set<SharePartitionState>>();
  private refreshing: Promise<void> | undefined;
  private lastRefreshAt = 0;
  private stopped = false;

  constructor(
    private readonly transport: ShareTransport,
    private readonly topics: readonly string[],
    /** After leaders changed (or a refresh failed, reported through onError). */
    private readonly onChange: () => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Applies a new assignment from the group; in-flight work on other partitions is untouched. */
  assign(assigned: readonly AssignedPartition[]): void {
    for (const p of this.partitions.all()) p.assigned = false;
    let unknownLeader = false;
    for (const { topic, topicId, partition } of assigned) {
      const p = this.partitions.ensure(topic, topicId, partition);
      p.assigned = true;
      p.leader = this.transport.leaderOf(topic, partition);
      if (p.leader === undefined) unknownLeader = true;
    }
    this.rebuild();
    if (unknownLeader) this.refresh();
  }

  /** The group assigned us at least one partition. */
  get hasAssignment(): boolean {
    for (const p of this.partitions.all()) if (p.assigned) return true;
    return false;
  }

  /** Node ids leading at least one assigned partition, with those partitions. */
  assignedByLeader(): ReadonlyMap<number, ReadonlySet<SharePartitionState>> {
    return this.wanted;
  }

  wantedOn(nodeId: number): ReadonlySet<SharePartitionState> {
    return this.wanted.get(nodeId) ?? EMPTY;
  }

  /** Partitions led by `nodeId` with queued acks (or renews). */
  ackingOn(nodeId: number, kind: AckKind): SharePartitionState[] {
    const out: SharePartitionState[] = [];
    for (const p of this.partitions.all()) {
      if (p.leader === nodeId && (kind === 'acks' ? p.acks : p.renews).length > 0) out.push(p);
    }
    return out;
  }

  /** Leaders with queued acks; a partition without a known leader triggers a refresh. */
  leadersWithAcks(): Set<number> {
    const leaders = new Set<number>();
    for (const p of this.partitions.all()) {
      if (p.acks.length === 0) continue;
      if (p.leader === undefined) this.refresh();
      else leaders.add(p.leader);
    }
    return leaders;
  }

  /**
   * Reloads leaders and topic ids (debounced, at most every MIN_REFRESH_INTERVAL_MS). Acks of a partition
   * that still has no leader afterwards (topic deleted) fail instead of waiting forever.
   */
  refresh(): void {
    if (this.refreshing || this.stopped) return;
    const delay = Math.max(0, this.lastRefreshAt + MIN_REFRESH_INTERVAL_MS - Date.now());
    this.refreshing = new Promise<void>((resolve) => setTimeout(resolve, delay))
      .then(() => this.transport.refreshMetadata([...this.topics]))
      .then(() => {
        const now = Date.now();
        for (const p of this.partitions.all()) {
          p.leader = this.transport.leaderOf(p.topic, p.partition);
          if (p.leader !== undefined) {
            this.leaderlessSince.delete(p);
            continue;
          }
          const since = this.leaderlessSince.get(p) ?? now;
          this.leaderlessSince.set(p, since);
          if (now - since >= LEADERLESS_GRACE_MS) {
            rejectQueued(p, brokerError(UNKNOWN_TOPIC_OR_PARTITION, `${p.topic}[${p.partition}]`));
          }
        }
        this.rebuild();
      })
      .catch((error: unknown) => this.onError(error))
      .finally(() => {
        this.lastRefreshAt = Date.now();
        this.refreshing = undefined;
        this.onChange();
      });
  }

  stop(): void {
    this.stopped = true;
  }

  private rebuild(): void {
    const wanted = new Map<number, Set<SharePartitionState>>();
    for (const p of this.partitions.all()) {
      if (!p.assigned || p.leader === undefined) continue;
      getOrCreate(wanted, p.leader, () => new Set<SharePartitionState>()).add(p);
    }
    this.wanted = wanted;
  }
}
