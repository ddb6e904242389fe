/**
 * The FetchResponse half of ./grammar.ts (Fetch v13 and v18; the grammar comment is there). The only
 * version-dependent part is the top-level tagged NodeEndpoints (v16+).
 */
import type { Reader } from '../../reader.js';
import { type TaggedField, Writer } from '../../writer.js';
import {
  readLeaderIdAndEpoch,
  readNodeEndpoint,
  writeLeaderIdAndEpoch,
  writeNodeEndpoint,
} from '../structs.js';
import type {
  FetchAbortedTransaction,
  FetchEpochEndOffset,
  FetchLeaderIdAndEpoch,
  FetchNodeEndpoint,
  FetchPartitionData,
  FetchResponse,
  FetchSnapshotId,
  FetchableTopicResponse,
} from './types.js';

function writeFetchEpochEndOffset(w: Writer, s: FetchEpochEndOffset): void {
  w.int32(s.epoch);
  w.int64(s.endOffset);
  w.taggedFields();
}

function readFetchEpochEndOffset(r: Reader): FetchEpochEndOffset {
  const epoch = r.readInt32();
  const endOffset = r.readInt64();
  r.readTaggedFields();
  return { epoch, endOffset };
}

function writeFetchSnapshotId(w: Writer, s: FetchSnapshotId): void {
  w.int64(s.endOffset);
  w.int32(s.epoch);
  w.taggedFields();
}

function readFetchSnapshotId(r: Reader): FetchSnapshotId {
  const endOffset = r.readInt64();
  const epoch = r.readInt32();
  r.readTaggedFields();
  return { endOffset, epoch };
}

function writeFetchAbortedTransaction(w: Writer, s: FetchAbortedTransaction): void {
  w.int64(s.producerId);
  w.int64(s.firstOffset);
  w.taggedFields();
}

function readFetchAbortedTransaction(r: Reader): FetchAbortedTransaction {
  const producerId = r.readInt64();
  const firstOffset = r.readInt64();
  r.readTaggedFields();
  return { producerId, firstOffset };
}

function writeFetchPartitionData(w: Writer, s: FetchPartitionData): void {
  w.int32(s.partitionIndex);
  w.int16(s.errorCode);
  w.int64(s.highWatermark);
  w.int64(s.lastStableOffset);
  w.int64(s.logStartOffset);
  w.compactArray(s.abortedTransactions, writeFetchAbortedTransaction);
  w.int32(s.preferredReadReplica);
  w.compactNullableBytes(s.records);
  const tags: TaggedField[] = [];
  if (s.divergingEpoch !== undefined) {
    const tw = new Writer(32);
    writeFetchEpochEndOffset(tw, s.divergingEpoch);
    tags.push({ tag: 0, data: tw.toBuffer() });
  }
  if (s.currentLeader !== undefined) {
    const tw = new Writer(32);
    writeLeaderIdAndEpoch(tw, s.currentLeader);
    tags.push({ tag: 1, data: tw.toBuffer() });
  }
  if (s.snapshotId !== undefined) {
    const tw = new Writer(32);
    writeFetchSnapshotId(tw, s.snapshotId);
    tags.push({ tag: 2, data: tw.toBuffer() });
  }
  w.taggedFields(tags);
}

function readFetchPartitionData(r: Reader): FetchPartitionData {
  const partitionIndex = r.readInt32();
  const errorCode = r.readInt16();
  const highWatermark = r.readInt64();
  const lastStableOffset = r.readInt64();
  const logStartOffset = r.readInt64();
  const abortedTransactions = r.readCompactNullableArray(readFetchAbortedTransaction);
  const preferredReadReplica = r.readInt32();
  const records = r.readCompactNullableBytes();
  let divergingEpoch: FetchEpochEndOffset | undefined;
  let currentLeader: FetchLeaderIdAndEpoch | undefined;
  let snapshotId: FetchSnapshotId | undefined;
  r.readTaggedFields((tag, t) => {
    if (tag === 0) divergingEpoch = readFetchEpochEndOffset(t);
    if (tag === 1) currentLeader = readLeaderIdAndEpoch(t);
    if (tag === 2) snapshotId = readFetchSnapshotId(t);
  });
  const out: FetchPartitionData = {
    partitionIndex,
    errorCode,
    highWatermark,
    lastStableOffset,
    logStartOffset,
    abortedTransactions,
    preferredReadReplica,
    records,
  };
  if (divergingEpoch !== undefined) out.divergingEpoch = divergingEpoch;
  if (currentLeader !== undefined) out.currentLeader = currentLeader;
  if (snapshotId !== undefined) out.snapshotId = snapshotId;
  return out;
}

function writeFetchableTopicResponse(w: Writer, s: FetchableTopicResponse): void {
  w.uuid(s.topicId);
  w.compactArray(s.partitions, writeFetchPartitionData);
  w.taggedFields();
}

function readFetchableTopicResponse(r: Reader): FetchableTopicResponse {
  const topicId = r.readUuid();
  const partitions = r.readCompactArray(readFetchPartitionData);
  r.readTaggedFields();
  return { topicId, partitions };
}

export function writeFetchResponse(w: Writer, s: FetchResponse, version: number): void {
  w.int32(s.throttleTimeMs);
  w.int16(s.errorCode);
  w.int32(s.sessionId);
  w.compactArray(s.responses, writeFetchableTopicResponse);
  const tags: TaggedField[] = [];
  if (version >= 16 && s.nodeEndpoints !== undefined) {
    const tw = new Writer(32);
    tw.compactArray(s.nodeEndpoints, writeNodeEndpoint);
    tags.push({ tag: 0, data: tw.toBuffer() });
  }
  w.taggedFields(tags);
}

export function readFetchResponse(r: Reader, version: number): FetchResponse {
  const throttleTimeMs = r.readInt32();
  const errorCode = r.readInt16();
  const sessionId = r.readInt32();
  const responses = r.readCompactArray(readFetchableTopicResponse);
  let nodeEndpoints: FetchNodeEndpoint[] | undefined;
  r.readTaggedFields((tag, t) => {
    if (tag === 0 && version >= 16) nodeEndpoints = t.readCompactArray(readNodeEndpoint);
  });
  const out: FetchResponse = { throttleTimeMs, errorCode, sessionId, responses };
  if (nodeEndpoints !== undefined) out.nodeEndpoints = nodeEndpoints;
  return out;
}
