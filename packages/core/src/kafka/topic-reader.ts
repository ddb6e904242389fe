/**
 * Engine.readTopic on Kafka: every record of a topic up to its current end, no consumer group.
 *
 * Partition by partition in order (partition 0 first, offsets ascending), each from `fromOffsets[p]`
 * (default: the log start) up to the high watermark taken when the read began, so a topic that keeps
 * growing still returns. Big fetches (8 MiB per partition) with no wait: a DLQ of thousands of records
 * is a handful of round trips.
 * Errors: UNKNOWN_TOPIC_OR_PARTITION for a missing topic; leader moves refresh metadata and retry;
 * OFFSET_OUT_OF_RANGE (records deleted meanwhile, e.g. truncateTopic) skips to the new log start.
 */
import type { Cluster } from '../client/cluster.js';
import { brokerError, brokerErrorInfo } from '../client/errors.js';
import type { ReadOptions, StoredRecord } from '../engine/engine.js';
import { listOffsets } from '../share/admin/list-offsets.js';
import { type FetchedPartition, fetchPartitions } from './fetch-partitions.js';
import { resolveTopic } from './resolve-topic.js';
import { toStoredRecord } from './stored-record.js';

const READ_LIMITS = { maxWaitMs: 0, partitionMaxBytes: 8 * 1024 * 1024, maxBytes: 64 * 1024 * 1024 };
const OFFSET_OUT_OF_RANGE = 1;
const NOT_LEADER_OR_FOLLOWER = 6;
const RETRY_BACKOFF_MS = 100;
const MAX_CONSECUTIVE_RETRIES = 8;

export async function readTopic(
  cluster: Cluster,
  topic: string,
  options: ReadOptions,
): Promise<StoredRecord[]> {
  const meta = await resolveTopic(cluster, topic);
  const [starts, ends] = await Promise.all([
    listOffsets(cluster, [topic], 'earliest'),
    listOffsets(cluster, [topic], 'latest'),
  ]);
  const startOf = new Map(starts.map((s) => [s.partition, s.offset]));
  const endOf = new Map(ends.map((e) => [e.partition, e.offset]));
  const out: StoredRecord[] = [];
  let remaining = options.limit ?? Number.POSITIVE_INFINITY;
  const partitions = meta.partitions.map((p) => p.partition).sort((a, b) => a - b);
  for (const partition of partitions) {
    if (remaining <= 0) break;
    const logStart = startOf.get(partition) ?? 0;
    const end = endOf.get(partition) ?? 0;
    let offset = Math.max(options.fromOffsets?.[partition] ?? logStart, logStart);
    let retries = 0;
    while (offset < end && remaining > 0) {
      const leaderId = cluster.leaderOf(topic, partition);
      let fetched: FetchedPartition | undefined;
      if (leaderId !== undefined) {
        [fetched] = await fetchPartitions(cluster, leaderId, meta, [{ partition, offset }], READ_LIMITS);
      }
      if (fetched?.errorCode !== 0) {
        const code = fetched?.errorCode ?? NOT_LEADER_OR_FOLLOWER; // no leader known
        if (retries++ >= MAX_CONSECUTIVE_RETRIES)
          throw brokerError(code, `Fetch ${topic}[${partition}] at ${offset}`);
        if (code === OFFSET_OUT_OF_RANGE && fetched) {
          offset = Math.max(offset, fetched.logStartOffset);
          if (offset >= end) break;
        } else if (brokerErrorInfo(code).retriable) {
          await sleep(RETRY_BACKOFF_MS * retries);
          await cluster.refreshMetadata([topic]);
        } else {
          throw brokerError(code, `Fetch ${topic}[${partition}] at ${offset}`);
        }
        continue;
      }
      retries = 0;
      for (const r of fetched.records) {
        if (r.offset >= end || remaining <= 0) break;
        out.push(toStoredRecord(topic, partition, r));
        remaining--;
      }
      // Nothing at or after `offset` below the high watermark only happens if records vanished meanwhile.
      if (fetched.nextOffset <= offset) break;
      offset = fetched.nextOffset;
    }
  }
  return out;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
