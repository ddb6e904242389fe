/**
 * ShareTransport on the real client layer: the Cluster picks the version (ShareFetch/ShareAcknowledge
 * v1–v2, ShareGroupHeartbeat v1), reconnects, and caches metadata and coordinators.
 *
 * Fetches and acks of one consumer travel on their own connection per broker (a Cluster lane): a broker
 * serves one request per connection at a time, so on a shared connection an idle consumer's long poll
 * would stall every other consumer of the process (measured: a busy consumer fell from ~8,500 to ~200
 * records/s next to one idle consumer). Heartbeats travel on a second lane of their own: the coordinator
 * answers a heartbeat that changes the group only once its write is done, so 32 members of one process
 * joining on the shared connection waited for each other's joins in turn (~0.5 s each: no member was
 * assigned within 16 s), and a heartbeat behind this consumer's own long poll would wait for it.
 * Metadata stays on the shared connection.
 */
import { randomUUID } from 'node:crypto';
import type { Cluster } from '../../client/cluster.js';
import { shareAcknowledgeApi } from '../../protocol/apis/share-acknowledge/index.js';
import { shareFetchApi } from '../../protocol/apis/share-fetch/index.js';
import { shareGroupHeartbeatApi } from '../../protocol/apis/share-group-heartbeat/index.js';
import { decodeAcquiredRecords, VerifiedBatches } from './records.js';
import type { BuildRequest, ShareTransport } from './transport.js';
import type {
  AcquiredRecords,
  DecodedRecord,
  HeartbeatRequest,
  HeartbeatResponse,
  ShareAcknowledgeRequest,
  ShareAcknowledgeResponse,
  ShareFetchRequest,
  ShareFetchResponse,
} from './wire.js';

export class ClusterShareTransport implements ShareTransport {
  private readonly lane = `share-${randomUUID()}`;
  private readonly heartbeatLane = `${this.lane}-heartbeat`;
  /** Batches this consumer already CRC-checked: record_limit fetches resend a batch with every slice. */
  private readonly verified = new VerifiedBatches();

  constructor(private readonly cluster: Cluster) {}

  shareGroupHeartbeat(nodeId: number, request: HeartbeatRequest): Promise<HeartbeatResponse> {
    return this.cluster.send(nodeId, shareGroupHeartbeatApi, request, { lane: this.heartbeatLane });
  }

  shareFetch(
    nodeId: number,
    build: BuildRequest<ShareFetchRequest>,
    timeoutMs: number,
  ): Promise<ShareFetchResponse> {
    return this.cluster.send(nodeId, shareFetchApi, build, { timeoutMs, lane: this.lane });
  }

  async shareAcknowledge(
    nodeId: number,
    build: BuildRequest<ShareAcknowledgeRequest>,
    timeoutMs: number,
  ): Promise<ShareAcknowledgeResponse> {
    const response = await this.cluster.send(nodeId, shareAcknowledgeApi, build, {
      timeoutMs,
      lane: this.lane,
    });
    return { ...response, acquisitionLockTimeoutMs: response.acquisitionLockTimeoutMs ?? 0 };
  }

  findGroupCoordinator(groupId: string): Promise<number> {
    return this.cluster.findGroupCoordinator(groupId);
  }

  invalidateCoordinator(groupId: string): void {
    this.cluster.invalidateCoordinator(groupId);
  }

  refreshMetadata(topics: string[]): Promise<void> {
    return this.cluster.refreshMetadata(topics);
  }

  topicId(name: string): string | undefined {
    return this.cluster.topicId(name);
  }

  topicName(topicId: string): string | undefined {
    return this.cluster.topicName(topicId);
  }

  leaderOf(topic: string, partition: number): number | undefined {
    return this.cluster.leaderOf(topic, partition);
  }

  decodeRecords(
    records: Buffer,
    fromOffset: number,
    toOffset: number,
    acquired?: readonly AcquiredRecords[],
  ): Iterable<DecodedRecord> {
    return decodeAcquiredRecords(
      records,
      fromOffset,
      toOffset,
      acquired ? { acquired, verified: this.verified } : { verified: this.verified },
    );
  }

  async close(): Promise<void> {
    await Promise.all([this.cluster.dropLane(this.lane), this.cluster.dropLane(this.heartbeatLane)]);
  }
}
