/**
 * What the share consumer needs from the client layer. `cluster-transport.ts` implements it on the real
 * `Cluster`; unit tests implement it with an in-memory fake broker. Keeping it this narrow is what lets
 * the session/ack/flow-control logic be tested without sockets.
 */
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

/** A request is built once the version is negotiated, since v1 lacks ShareAcquireMode/IsRenewAck. */
export type BuildRequest<Req> = (version: number) => Req;

export interface ShareTransport {
  shareGroupHeartbeat(nodeId: number, request: HeartbeatRequest): Promise<HeartbeatResponse>;
  shareFetch(
    nodeId: number,
    build: BuildRequest<ShareFetchRequest>,
    timeoutMs: number,
  ): Promise<ShareFetchResponse>;
  shareAcknowledge(
    nodeId: number,
    build: BuildRequest<ShareAcknowledgeRequest>,
    timeoutMs: number,
  ): Promise<ShareAcknowledgeResponse>;
  findGroupCoordinator(groupId: string): Promise<number>;
  invalidateCoordinator(groupId: string): void;
  /** Loads (or reloads) names, ids and leaders of these topics. */
  refreshMetadata(topics: string[]): Promise<void>;
  topicId(name: string): string | undefined;
  topicName(topicId: string): string | undefined;
  leaderOf(topic: string, partition: number): number | undefined;
  /**
   * Records of a ShareFetch `Records` field whose offsets fall in [fromOffset, toOffset], in offset order;
   * control batches skipped. `acquired` (ascending, disjoint) are the ranges the consumer holds: a decoder
   * may skip every offset outside them (the consumer drops those anyway).
   */
  decodeRecords(
    records: Buffer,
    fromOffset: number,
    toOffset: number,
    acquired?: readonly AcquiredRecords[],
  ): Iterable<DecodedRecord>;
  /** Releases what the transport holds for this consumer alone (its connections); the last call made. */
  close?(): Promise<void>;
}
