/**
 * The cluster as the share consumer and admin see it: send a request to a node (or any node) at the
 * highest version both sides speak, with topic metadata (ids, leaders) and group coordinators cached.
 *
 * Reconnects are transparent within a request's deadline: a request whose broker is down waits for the
 * next (backed-off) connection attempt and is sent when the broker is back. A request that was already
 * on the wire when its socket died is only re-sent when the caller marks it idempotent; otherwise it
 * rejects with BrokerConnectionError (requestSent: true) and the caller decides (acks may have landed).
 */
import { ConnectionError } from '../errors.js';
import type { ApiFamily } from '../protocol/api.js';
import { codecFor } from '../protocol/api.js';
import type { ApiVersionRange, FinalizedFeature } from '../protocol/apis/api-versions/types.js';
import { metadataApi } from '../protocol/apis/metadata/index.js';
import type { MetadataBroker } from '../protocol/apis/metadata/types.js';
import { backoffDelay, sleep } from './backoff.js';
import { type BrokerLink, BrokerPool } from './broker-pool.js';
import { BrokerConnectionError } from './connection.js';
import { brokerError, brokerErrorInfo, isKafkaProtocolError, isRetriableError } from './errors.js';
import { lookupGroupCoordinator } from './group-coordinator.js';
import { type ClusterTopic, MetadataCache } from './metadata-cache.js';
import { type ClusterOptions, type CompiledClusterOptions, compileClusterOptions } from './options.js';
import { RefreshCoalescer } from './refresh-coalescer.js';
import { type ProtocolFeatures, protocolFeatures } from './broker-features.js';
import { negotiateVersion } from './versions.js';

export type { ClusterPartition, ClusterTopic } from './metadata-cache.js';
export type { ClusterOptions } from './options.js';

export interface ClusterNode {
  nodeId: number;
  host: string;
  port: number;
}

export interface SendOptions {
  /** Overall budget: waiting for a connection plus the round trip. Default: requestTimeoutMs. */
  timeoutMs?: number;
  /** Safe to send twice: re-sent on a new connection if the socket dies with the request in flight. */
  idempotent?: boolean;
  /**
   * Node-targeted requests with a lane use that lane's own connection to the node (opened on demand).
   * A broker serves one request per connection at a time, so one share consumer's long-poll ShareFetch
   * would otherwise hold up every other request on the shared connection. Close with dropLane().
   */
  lane?: string;
}

const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA';
const UNKNOWN_TOPIC_OR_PARTITION = 3;
const REBOOTSTRAP_REQUIRED = 129;

export class Cluster {
  private readonly options: CompiledClusterOptions;
  private readonly pool: BrokerPool;
  private readonly cache = new MetadataCache();
  /** Why a topic asked for is not in the cache (its last topic-level error code). */
  private readonly topicErrors = new Map<string, number>();
  private readonly nodesById = new Map<number, ClusterNode>();
  private readonly addressById = new Map<number, string>();
  private readonly coordinators = new Map<string, number>();
  private readonly coordinatorLookups = new Map<string, Promise<number>>();
  private readonly refresher = new RefreshCoalescer((names) =>
    this.fetchMetadata(names, Date.now() + this.options.requestTimeoutMs),
  );
  private bootstrapAddress: string | undefined;
  private closed = false;

  constructor(options: ClusterOptions) {
    this.options = compileClusterOptions(options);
    this.pool = new BrokerPool(this.options);
  }

  /** Reaches a bootstrap broker, checks it offers share groups (unless disabled), learns the nodes. */
  async connect(): Promise<void> {
    const deadline = Date.now() + this.options.requestTimeoutMs;
    const link = await this.pool.acquire(this.options.brokers, deadline);
    if (this.options.requireShareGroups) protocolFeatures(link.address, link.versions);
    this.bootstrapAddress = link.address;
    await this.fetchMetadata([], deadline);
  }

  async send<Req, Res>(
    target: number | 'any',
    api: ApiFamily<Req, Res>,
    req: Req | ((version: number) => Req),
    opts: SendOptions = {},
  ): Promise<Res> {
    const deadline = Date.now() + (opts.timeoutMs ?? this.options.requestTimeoutMs);
    for (;;) {
      const link = await this.linkFor(target, deadline, opts.lane);
      const version = negotiateVersion(
        api as ApiFamily<unknown, unknown>,
        link.versions.apiKeys,
        link.address,
      );
      const codec = codecFor(api, version)!;
      const body = typeof req === 'function' ? (req as (version: number) => Req)(version) : req;
      try {
        return await link.connection.request(codec, body, Math.max(1, deadline - Date.now()));
      } catch (error) {
        const resend =
          error instanceof BrokerConnectionError && (!error.requestSent || opts.idempotent === true);
        if (resend && Date.now() < deadline && !this.closed) continue;
        throw error;
      }
    }
  }

  /** Topics by name, from the cache or fetched. Throws typed (e.g. UNKNOWN_TOPIC_OR_PARTITION) for a missing one. */
  async metadata(topics: string[]): Promise<ClusterTopic[]> {
    const missing = topics.filter((t) => !this.cache.get(t));
    if (missing.length > 0) await this.refresher.refresh(missing);
    return topics.map((name) => {
      const topic = this.cache.get(name);
      if (!topic)
        throw brokerError(this.topicErrors.get(name) ?? UNKNOWN_TOPIC_OR_PARTITION, `topic ${name}`);
      return topic;
    });
  }

  /** Re-reads `topics` (default: every cached topic) and the node list. */
  refreshMetadata(topics?: string[]): Promise<void> {
    return this.refresher.refresh(topics ?? this.cache.names());
  }

  topicName(topicId: string): string | undefined {
    return this.cache.nameOf(topicId);
  }

  topicId(name: string): string | undefined {
    return this.cache.get(name)?.topicId;
  }

  leaderOf(topic: string, partition: number): number | undefined {
    return this.cache.leaderOf(topic, partition);
  }

  /** Node id of the group's coordinator (cached until invalidateCoordinator). */
  findGroupCoordinator(groupId: string): Promise<number> {
    const cached = this.coordinators.get(groupId);
    if (cached !== undefined) return Promise.resolve(cached);
    let lookup = this.coordinatorLookups.get(groupId);
    if (!lookup) {
      const deadline = Date.now() + this.options.requestTimeoutMs;
      const send = <Q, S>(api: ApiFamily<Q, S>, req: Q, timeoutMs: number) =>
        this.send('any', api, req, { timeoutMs, idempotent: true });
      lookup = lookupGroupCoordinator(send, groupId, deadline, {
        baseMs: this.options.retryBackoffMs,
        maxMs: this.options.retryBackoffMaxMs,
      })
        .then((found) => {
          if (!this.nodesById.has(found.nodeId))
            this.setNode({ nodeId: found.nodeId, host: found.host, port: found.port });
          this.coordinators.set(groupId, found.nodeId);
          return found.nodeId;
        })
        .finally(() => this.coordinatorLookups.delete(groupId));
      this.coordinatorLookups.set(groupId, lookup);
    }
    return lookup;
  }

  invalidateCoordinator(groupId: string): void {
    this.coordinators.delete(groupId);
  }

  /**
   * Applies what a failed request's error asks for (refresh metadata, forget the coordinator) and says
   * whether retrying makes sense. Reads the error's flags, never its message.
   */
  async recoverFrom(error: unknown, context: { topics?: string[]; groupId?: string } = {}): Promise<boolean> {
    if (isKafkaProtocolError(error)) {
      if (error.refreshCoordinator && context.groupId !== undefined)
        this.invalidateCoordinator(context.groupId);
      if (error.refreshMetadata) await this.refreshMetadata(context.topics);
    }
    return isRetriableError(error);
  }

  /** API version ranges a node (default: the bootstrap broker) advertised; [] if never reached. */
  brokerVersions(nodeId?: number): ApiVersionRange[] {
    return this.pool.versions(this.addressFor(nodeId))?.apiKeys ?? [];
  }

  /**
   * What the bootstrap broker's ApiVersions answer allows (share groups, RENEW, record_limit; see
   * broker-features.ts). Throws ShareGroupsUnsupportedError when it has no share groups.
   */
  protocolFeatures(): ProtocolFeatures {
    const address = this.addressFor(undefined);
    const versions = this.pool.versions(address);
    if (versions === undefined)
      throw new ConnectionError(`not connected to ${address}: call connect() first`);
    return protocolFeatures(address, versions);
  }

  /** Cluster-wide finalized features (e.g. share.version) as a node reported them. */
  finalizedFeatures(nodeId?: number): FinalizedFeature[] {
    const versions = this.pool.versions(this.addressFor(nodeId));
    return versions && versions.finalizedFeaturesEpoch >= 0 ? versions.finalizedFeatures : [];
  }

  nodes(): ClusterNode[] {
    return [...this.nodesById.values()].sort((a, b) => a.nodeId - b.nodeId);
  }

  /** Closes the connections of a lane (see SendOptions.lane). */
  async dropLane(lane: string): Promise<void> {
    await this.pool.dropLane(lane);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.pool.close();
  }

  private addressFor(nodeId: number | undefined): string {
    if (nodeId === undefined) return this.bootstrapAddress ?? this.options.brokers[0]!;
    return this.addressById.get(nodeId) ?? '';
  }

  private async linkFor(target: number | 'any', deadline: number, lane?: string): Promise<BrokerLink> {
    if (target === 'any') {
      const known = this.nodes().map((n) => `${n.host}:${n.port}`);
      return this.pool.acquire([...new Set([...known, ...this.options.brokers])], deadline);
    }
    let address = this.addressById.get(target);
    if (address !== undefined && lane !== undefined) address = `${address}#${lane}`;
    if (address !== undefined) {
      // Hot path (every share fetch/ack): a live connection to a known node, no allocation.
      const ready = this.pool.ready(address);
      if (ready) return ready;
    } else {
      await this.fetchMetadata([], deadline);
      address = this.addressById.get(target);
      if (address === undefined) throw brokerError(8, `node ${target} is not in the cluster metadata`);
      if (lane !== undefined) address = `${address}#${lane}`;
    }
    return this.pool.acquire([address], deadline);
  }

  private async fetchMetadata(names: string[], deadline: number): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const res = await this.send(
        'any',
        metadataApi,
        {
          topics: names.map((name) => ({ topicId: ZERO_UUID, name })),
          allowAutoTopicCreation: false,
          includeTopicAuthorizedOperations: false,
        },
        { timeoutMs: Math.max(1, deadline - Date.now()), idempotent: true },
      );
      let retry = res.errorCode === REBOOTSTRAP_REQUIRED;
      if (retry)
        this.clearNodes(); // KIP-1102: forget the nodes, go back to the bootstrap list
      else if (res.errorCode !== 0) throw brokerError(res.errorCode, 'Metadata');
      else this.updateNodes(res.brokers);
      for (const topic of res.topics) {
        const name = topic.name ?? '';
        if (topic.errorCode === 0 && topic.name !== null) {
          this.cache.put({ ...topic, name: topic.name });
          this.topicErrors.delete(name);
          continue;
        }
        this.cache.delete(name);
        this.topicErrors.set(name, topic.errorCode);
        const info = brokerErrorInfo(topic.errorCode);
        // A missing topic is an answer, not a transient state: fail fast instead of waiting out the deadline.
        if (info.retriable && topic.errorCode !== UNKNOWN_TOPIC_OR_PARTITION) retry = true;
        else if (!info.retriable) throw brokerError(topic.errorCode, `topic ${name}`);
      }
      if (!retry) return;
      const delay = backoffDelay(attempt, this.options.retryBackoffMs, this.options.retryBackoffMaxMs);
      if (Date.now() + delay >= deadline) return; // metadata() reports the remembered topic error
      await sleep(delay);
    }
  }

  private updateNodes(brokers: MetadataBroker[]): void {
    const next = new Map(brokers.map((b) => [b.nodeId, { nodeId: b.nodeId, host: b.host, port: b.port }]));
    for (const [nodeId, old] of this.nodesById) {
      const now = next.get(nodeId);
      if (now && (now.host !== old.host || now.port !== old.port))
        void this.pool.drop(`${old.host}:${old.port}`);
    }
    this.clearNodes();
    for (const node of next.values()) this.setNode(node);
  }

  private setNode(node: ClusterNode): void {
    this.nodesById.set(node.nodeId, node);
    this.addressById.set(node.nodeId, `${node.host}:${node.port}`);
  }

  private clearNodes(): void {
    this.nodesById.clear();
    this.addressById.clear();
  }
}
