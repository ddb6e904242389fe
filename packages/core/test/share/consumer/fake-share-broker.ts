/**
 * An in-memory share-group broker behind the consumer's ShareTransport, enough to test the client's
 * logic without sockets: per-partition record states (available/acquired/acknowledged/archived) with
 * delivery counts, share sessions with epoch checks (acks refused on epoch 0, atomic per partition),
 * record_limit acquisition, a heartbeat that assigns every partition to every member, and fault injection.
 * Partition p of any topic is led by node (p % nodes) + 1. Locks expire only through expireLocks().
 */
import { ConnectionError, DecodeError } from '../../../src/errors.js';
import type { BuildRequest, ShareTransport } from '../../../src/share/consumer/transport.js';
import type {
  AcknowledgementBatch,
  DecodedRecord,
  FetchPartitionRequest,
  HeartbeatRequest,
  HeartbeatResponse,
  ShareAcknowledgeRequest,
  ShareAcknowledgeResponse,
  ShareFetchPartitionResponse,
  ShareFetchRequest,
  ShareFetchResponse,
} from '../../../src/share/consumer/wire.js';

type RecordState = 'available' | 'acquired' | 'acknowledged' | 'archived';
interface Slot {
  value: string | null; // null = no deliverable record at this offset (control/compacted)
  state: RecordState;
  deliveryCount: number;
  owner: string | undefined;
}
interface Session {
  epoch: number;
  partitions: Set<string>;
}
export type Api = 'heartbeat' | 'fetch' | 'acknowledge';
export type Sent =
  | { api: 'heartbeat'; nodeId: number; request: HeartbeatRequest }
  | { api: 'fetch'; nodeId: number; request: ShareFetchRequest }
  | { api: 'acknowledge'; nodeId: number; request: ShareAcknowledgeRequest };
/** error: thrown; errorCode: top-level error answer; hang: never answers. */
type Fault = { api: Api; error?: Error; errorCode?: number; hang?: boolean };

const LOCK_MS = 30_000;
/** A record value the fake's decoder refuses, like a batch with a bad CRC. */
export const CORRUPT = '\u0000corrupt';
export const COORDINATOR = 1;

export class FakeShareBroker implements ShareTransport {
  readonly sent: Sent[] = [];
  private readonly faults: Fault[] = [];
  private readonly topicIds = new Map<string, string>();
  private readonly logs = new Map<string, Slot[]>(); // `${topicId}:${partition}`
  private readonly sessions = new Map<string, Session>(); // `${member}:${node}`
  private readonly memberEpochs = new Map<string, number>();

  /** Extra latency of every ShareFetch answer (ms). */
  fetchDelayMs = 0;

  /** Heartbeats a joined member gets an empty assignment for (Kafka initialising share-partition state). */
  assignAfterBeats = 0;
  /** HeartbeatIntervalMs the fake coordinator answers with. */
  heartbeatIntervalMs = 50;
  /** Records per stored batch: a batch_optimized fetch acquires up to the end of the last batch it touches. */
  batchRecords = 1;
  private readonly beatsSinceJoin = new Map<string, number>();
  private readonly subscriptions = new Map<string, string[]>();

  constructor(readonly nodes = 1) {}

  addTopic(name: string, partitions: number): string {
    const id = Buffer.alloc(16, this.topicIds.size + 1).toString('base64url');
    this.topicIds.set(name, id);
    for (let p = 0; p < partitions; p++) this.logs.set(`${id}:${p}`, []);
    return id;
  }

  /** Appends records; null values leave offsets with nothing deliverable (like control records). */
  produce(topic: string, partition: number, values: (string | null)[]): void {
    const log = this.log(this.topicIds.get(topic) as string, partition);
    for (const value of values) log.push({ value, state: 'available', deliveryCount: 0, owner: undefined });
  }

  /** Every acquired record's lock lapses now. */
  expireLocks(): void {
    for (const log of this.logs.values()) {
      for (const slot of log) if (slot.state === 'acquired') this.release(slot);
    }
  }

  /**
   * The broker restarts: every share session is gone (the next request on one gets SHARE_SESSION_NOT_FOUND)
   * and so is every acquisition, as Kafka keeps acquisition state in memory only.
   */
  restart(): void {
    this.sessions.clear();
    this.expireLocks();
  }

  /** One record's lock lapses now. */
  expireLock(topic: string, partition: number, offset: number): void {
    const slot = this.log(this.topicIds.get(topic) as string, partition)[offset];
    if (slot?.state === 'acquired') this.release(slot);
  }

  states(topic: string, partition: number): RecordState[] {
    return this.log(this.topicIds.get(topic) as string, partition).map((s) => s.state);
  }

  countAcquired(): number {
    let n = 0;
    for (const log of this.logs.values()) for (const slot of log) if (slot.state === 'acquired') n++;
    return n;
  }

  /** The next request of `api` fails: thrown (transport) or answered with a top-level error code. */
  inject(fault: Fault): void {
    this.faults.push(fault);
  }

  requests<A extends Api>(api: A): Extract<Sent, { api: A }>[] {
    return this.sent.filter((s): s is Extract<Sent, { api: A }> => s.api === api);
  }

  // ---- ShareTransport ----------------------------------------------------------------------------

  async shareGroupHeartbeat(nodeId: number, request: HeartbeatRequest): Promise<HeartbeatResponse> {
    this.sent.push({ api: 'heartbeat', nodeId, request });
    const fault = this.takeFault('heartbeat');
    const base = {
      throttleTimeMs: 0,
      errorMessage: null,
      memberId: request.memberId,
      heartbeatIntervalMs: this.heartbeatIntervalMs,
    };
    if (fault?.error) throw fault.error;
    if (fault?.errorCode) return { ...base, errorCode: fault.errorCode, memberEpoch: -1, assignment: null };
    if (request.memberEpoch === -1) {
      this.memberEpochs.delete(request.memberId);
      return { ...base, errorCode: 0, memberEpoch: -1, assignment: null };
    }
    const known = this.memberEpochs.get(request.memberId);
    if (request.memberEpoch === 0) {
      const epoch = (known ?? 0) + 1;
      this.memberEpochs.set(request.memberId, epoch);
      this.subscriptions.set(request.memberId, request.subscribedTopicNames ?? []);
      this.beatsSinceJoin.set(request.memberId, 0);
      const topicPartitions = this.assignmentOf(request.memberId, this.assignAfterBeats === 0);
      return { ...base, errorCode: 0, memberEpoch: epoch, assignment: { topicPartitions } };
    }
    if (known !== request.memberEpoch) return { ...base, errorCode: 110, memberEpoch: -1, assignment: null };
    const beats = (this.beatsSinceJoin.get(request.memberId) ?? 0) + 1;
    this.beatsSinceJoin.set(request.memberId, beats);
    if (this.assignAfterBeats > 0 && beats === this.assignAfterBeats) {
      const topicPartitions = this.assignmentOf(request.memberId, true);
      return { ...base, errorCode: 0, memberEpoch: known, assignment: { topicPartitions } };
    }
    return { ...base, errorCode: 0, memberEpoch: known, assignment: null };
  }

  async shareFetch(nodeId: number, build: BuildRequest<ShareFetchRequest>): Promise<ShareFetchResponse> {
    const request = build(2);
    this.sent.push({ api: 'fetch', nodeId, request });
    if (this.fetchDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.fetchDelayMs));
    const answer = (errorCode: number): ShareFetchResponse => ({
      throttleTimeMs: 0,
      errorCode,
      errorMessage: null,
      acquisitionLockTimeoutMs: LOCK_MS,
      responses: [],
      nodeEndpoints: [],
    });
    const fault = this.takeFault('fetch');
    if (fault?.error) throw fault.error;
    if (fault?.errorCode) return answer(fault.errorCode);
    const key = `${request.memberId}:${nodeId}`;
    let session = this.sessions.get(key);
    if (request.shareSessionEpoch === 0) {
      if (request.topics.some((t) => t.partitions.some((p) => p.acknowledgementBatches.length > 0)))
        return answer(42);
      session = { epoch: 0, partitions: new Set() };
      this.sessions.set(key, session);
    } else if (!session) return answer(122);
    else if (session.epoch !== request.shareSessionEpoch) return answer(123);
    session.epoch = session.epoch === 0 ? 1 : session.epoch + 1;
    for (const t of request.forgottenTopicsData)
      for (const p of t.partitions) session.partitions.delete(`${t.topicId}:${p}`);
    const parts = new Map<string, ShareFetchPartitionResponse>();
    for (const t of request.topics) {
      for (const p of t.partitions) {
        const pk = `${t.topicId}:${p.partitionIndex}`;
        session.partitions.add(pk);
        const ackErrorCode = this.applyAcks(request.memberId as string, pk, p, false);
        parts.set(pk, this.partitionResponse(p.partitionIndex, ackErrorCode));
      }
    }
    let budget = request.maxRecords;
    // batch_optimized: the last batch touched is acquired whole (MaxRecords is a soft limit).
    const wholeBatches = request.shareAcquireMode === 0;
    for (const pk of session.partitions) {
      if (budget <= 0) break;
      const acquired: number[] = [];
      for (const [offset, slot] of this.log(...splitKey(pk)).entries()) {
        if (budget <= 0 && !(wholeBatches && offset % this.batchRecords !== 0 && acquired.length > 0)) break;
        if (slot.state !== 'available') continue;
        slot.state = 'acquired';
        slot.deliveryCount++;
        slot.owner = request.memberId as string;
        acquired.push(offset);
        budget--;
      }
      if (acquired.length === 0) continue;
      const [topicId, partition] = splitKey(pk);
      const part = parts.get(pk) ?? this.partitionResponse(partition, 0);
      parts.set(pk, part);
      const log = this.log(topicId, partition);
      part.records = Buffer.from(JSON.stringify(acquired.map((o) => ({ offset: o, value: log[o]?.value }))));
      part.acquiredRecords = acquired.map((o) => ({
        firstOffset: o,
        lastOffset: o,
        deliveryCount: log[o]?.deliveryCount ?? 0,
      }));
    }
    // Long poll: with nothing to hand out, wait a little as a broker would (never the full MaxWaitMs).
    if (budget === request.maxRecords && parts.size === 0 && request.maxWaitMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(request.maxWaitMs, 5)));
    }
    const byTopic = new Map<string, ShareFetchPartitionResponse[]>();
    for (const [pk, part] of parts) {
      const topicId = splitKey(pk)[0];
      byTopic.set(topicId, [...(byTopic.get(topicId) ?? []), part]);
    }
    return {
      ...answer(0),
      responses: [...byTopic].map(([topicId, partitions]) => ({ topicId, partitions })),
    };
  }

  async shareAcknowledge(
    nodeId: number,
    build: BuildRequest<ShareAcknowledgeRequest>,
  ): Promise<ShareAcknowledgeResponse> {
    const request = build(2);
    this.sent.push({ api: 'acknowledge', nodeId, request });
    const answer = (errorCode: number): ShareAcknowledgeResponse => ({
      throttleTimeMs: 0,
      errorCode,
      errorMessage: null,
      acquisitionLockTimeoutMs: LOCK_MS,
      responses: [],
      nodeEndpoints: [],
    });
    const fault = this.takeFault('acknowledge');
    if (fault?.hang) await new Promise(() => {});
    if (fault?.error) throw fault.error;
    if (fault?.errorCode) return answer(fault.errorCode);
    const key = `${request.memberId}:${nodeId}`;
    const session = this.sessions.get(key);
    if (request.shareSessionEpoch === 0) return answer(123);
    if (!session) return answer(122);
    if (request.shareSessionEpoch !== -1 && session.epoch !== request.shareSessionEpoch) return answer(123);
    session.epoch++;
    const responses = request.topics.map((t) => ({
      topicId: t.topicId,
      partitions: t.partitions.map((p) => ({
        partitionIndex: p.partitionIndex,
        errorCode: this.applyAcks(
          request.memberId as string,
          `${t.topicId}:${p.partitionIndex}`,
          p,
          request.isRenewAck,
        ),
        errorMessage: null,
        currentLeader: { leaderId: nodeId, leaderEpoch: 0 },
      })),
    }));
    if (request.shareSessionEpoch === -1) {
      this.sessions.delete(key);
      for (const pk of session.partitions) {
        for (const slot of this.log(...splitKey(pk))) {
          if (slot.state === 'acquired' && slot.owner === request.memberId) this.release(slot);
        }
      }
    }
    return { ...answer(0), responses };
  }

  async findGroupCoordinator(): Promise<number> {
    return COORDINATOR;
  }

  invalidateCoordinator(): void {}

  async refreshMetadata(): Promise<void> {}

  topicId(name: string): string | undefined {
    return this.topicIds.get(name);
  }

  topicName(topicId: string): string | undefined {
    for (const [name, id] of this.topicIds) if (id === topicId) return name;
    return undefined;
  }

  leaderOf(topic: string, partition: number): number | undefined {
    return this.topicIds.has(topic) ? (partition % this.nodes) + 1 : undefined;
  }

  *decodeRecords(records: Buffer, fromOffset: number, toOffset: number): Iterable<DecodedRecord> {
    const list = JSON.parse(records.toString()) as { offset: number; value: string | null }[];
    for (const r of list) {
      if (r.value === CORRUPT) throw new DecodeError(`fake broker: corrupt record at offset ${r.offset}`);
      if (r.value === null || r.offset < fromOffset || r.offset > toOffset) continue;
      yield { offset: r.offset, timestamp: 0, key: null, value: Buffer.from(r.value), headers: {} };
    }
  }

  // ---- internals ---------------------------------------------------------------------------------

  /** Every partition of every subscribed topic, or empty topic entries while not yet assignable. */
  private assignmentOf(memberId: string, ready: boolean): { topicId: string; partitions: number[] }[] {
    return (this.subscriptions.get(memberId) ?? []).map((name) => {
      const topicId = this.topicIds.get(name) as string;
      return { topicId, partitions: ready ? this.partitionsOf(topicId) : [] };
    });
  }

  /** All of the partition's batches or none (like the broker): 121 if any offset is not ours. */
  private applyAcks(member: string, pk: string, p: FetchPartitionRequest, renew: boolean): number {
    const log = this.log(...splitKey(pk));
    const changes: [Slot, number][] = [];
    for (const batch of p.acknowledgementBatches) {
      for (let o = batch.firstOffset; o <= batch.lastOffset; o++) {
        const slot = log[o];
        const type = typeOf(batch, o);
        if (slot?.state !== 'acquired' || slot.owner !== member) return 121;
        if ((type === 4) !== renew) return 42;
        changes.push([slot, type]);
      }
    }
    for (const [slot, type] of changes) {
      if (type === 1 || type === 0) slot.state = 'acknowledged';
      else if (type === 2) this.release(slot);
      else if (type === 3) slot.state = 'archived';
    }
    return 0;
  }

  private release(slot: Slot): void {
    slot.state = 'available';
    slot.owner = undefined;
  }

  private partitionResponse(
    partitionIndex: number,
    acknowledgeErrorCode: number,
  ): ShareFetchPartitionResponse {
    return {
      partitionIndex,
      errorCode: 0,
      errorMessage: null,
      acknowledgeErrorCode,
      acknowledgeErrorMessage: null,
      currentLeader: { leaderId: -1, leaderEpoch: -1 },
      records: null,
      acquiredRecords: [],
    };
  }

  private partitionsOf(topicId: string): number[] {
    const out: number[] = [];
    for (const pk of this.logs.keys()) if (pk.startsWith(`${topicId}:`)) out.push(splitKey(pk)[1]);
    return out;
  }

  private log(topicId: string, partition: number): Slot[] {
    const log = this.logs.get(`${topicId}:${partition}`);
    if (!log) throw new Error(`fake broker: no partition ${topicId}:${partition}`);
    return log;
  }

  private takeFault(api: Api): Fault | undefined {
    const i = this.faults.findIndex((f) => f.api === api);
    return i < 0 ? undefined : this.faults.splice(i, 1)[0];
  }
}

function splitKey(pk: string): [string, number] {
  const at = pk.lastIndexOf(':');
  return [pk.slice(0, at), Number(pk.slice(at + 1))];
}

function typeOf(batch: AcknowledgementBatch, offset: number): number {
  const types = batch.acknowledgeTypes;
  return (types.length === 1 ? types[0] : types[offset - batch.firstOffset]) as number;
}

export const connectionLost = (): Error => new ConnectionError('fake broker: connection lost');
