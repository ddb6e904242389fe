/**
 * Engine.tail on Kafka: follow every partition of a topic with plain long-poll Fetches, no consumer group,
 * so every subscriber sees every record (QueueEvents, dashboards).
 *
 * - 'latest' starts each partition that exists at subscribe time at its high watermark; 'earliest' at its
 *   log start. Partitions that appear later (or a topic created after the subscription) start at their
 *   log start, so nothing produced after subscribe() is missed.
 * - One long poll per leader (maxWaitMs 500), on the tail's own connection (a Cluster lane): on the shared
 *   connection each poll held every other request of the process for up to 500 ms (32 Workers in one process,
 *   each tailing its queue's control topic: a metadata refresh waited 3.5 s behind them).
 * - Records are handed over per poll round, partition by partition.
 * - Leader moves / unknown topic id → refresh metadata; OFFSET_OUT_OF_RANGE → jump to the log start
 *   (records were deleted) or the end (topic recreated). Other failures back off 1 s and go on; they are
 *   reported through `onError`, never end the tail.
 * - A subscriber that throws is reported like a throwing event listener (uncaught), and the tail continues.
 */
import { randomUUID } from 'node:crypto';
import type { Cluster } from '../client/cluster.js';
import { brokerError, brokerErrorInfo, isKafkaProtocolError } from '../client/errors.js';
import type { StoredRecord, Subscription, TailOptions } from '../engine/engine.js';
import { listOffsets } from '../share/admin/list-offsets.js';
import { fetchPartitions } from './fetch-partitions.js';
import { type ResolvedTopic, resolveTopic } from './resolve-topic.js';
import { toStoredRecord } from './stored-record.js';

const POLL_LIMITS = { maxWaitMs: 500, partitionMaxBytes: 1024 * 1024, maxBytes: 16 * 1024 * 1024 };
const METADATA_REFRESH_MS = 5_000;
const ERROR_BACKOFF_MS = 1_000;
const OFFSET_OUT_OF_RANGE = 1;

export function tailTopic(
  getCluster: () => Promise<Cluster>,
  topic: string,
  options: TailOptions,
  onRecords: (records: StoredRecord[]) => void,
  onError: (error: unknown) => void = () => {},
): Subscription {
  let closed = false;
  let wake: (() => void) | undefined;
  const limits = { ...POLL_LIMITS, lane: `tail-${randomUUID()}` };
  /** The cluster whose lane this tail opened (dropped on close). */
  let polled: Cluster | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const cursors = new Map<number, number>();
  let meta: ResolvedTopic | undefined;
  let metaAt = 0;

  const refresh = async (cluster: Cluster, first: boolean): Promise<void> => {
    meta = await resolveTopic(cluster, topic);
    metaAt = Date.now();
    const fresh = meta.partitions.map((p) => p.partition).filter((p) => !cursors.has(p));
    if (fresh.length === 0) return;
    const which = first && options.from === 'latest' ? 'latest' : 'earliest';
    for (const o of await listOffsets(cluster, [topic], which)) {
      if (fresh.includes(o.partition)) cursors.set(o.partition, o.offset);
    }
  };

  const round = async (cluster: Cluster, current: ResolvedTopic): Promise<StoredRecord[]> => {
    const byLeader = new Map<number, { partition: number; offset: number }[]>();
    for (const p of current.partitions) {
      const offset = cursors.get(p.partition);
      if (offset === undefined) continue;
      const list = byLeader.get(p.leaderId) ?? [];
      byLeader.set(p.leaderId, list);
      list.push({ partition: p.partition, offset });
    }
    let stale = false;
    const answers = await Promise.all(
      [...byLeader].map(([leaderId, parts]) => fetchPartitions(cluster, leaderId, current, parts, limits)),
    );
    const out: StoredRecord[] = [];
    for (const fetched of answers.flat().sort((a, b) => a.partition - b.partition)) {
      if (fetched.errorCode === OFFSET_OUT_OF_RANGE) {
        const at = cursors.get(fetched.partition) ?? 0;
        cursors.set(
          fetched.partition,
          at < fetched.logStartOffset ? fetched.logStartOffset : fetched.highWatermark,
        );
      } else if (fetched.errorCode !== 0) {
        if (brokerErrorInfo(fetched.errorCode).refreshMetadata) stale = true;
        else onError(brokerError(fetched.errorCode, `tail ${topic}[${fetched.partition}]`));
      } else {
        for (const r of fetched.records) out.push(toStoredRecord(topic, fetched.partition, r));
        cursors.set(fetched.partition, fetched.nextOffset);
      }
    }
    if (stale) metaAt = 0;
    return out;
  };

  const deliver = (records: StoredRecord[]): void => {
    try {
      onRecords(records);
    } catch (error) {
      queueMicrotask(() => {
        throw error;
      });
    }
  };

  const loop = (async () => {
    let first = true;
    while (!closed) {
      try {
        const cluster = await getCluster();
        polled = cluster;
        if (!meta || Date.now() - metaAt > METADATA_REFRESH_MS) {
          await refresh(cluster, first);
          first = false;
        }
        if (!meta || closed) continue;
        const records = await round(cluster, meta);
        if (records.length > 0 && !closed) deliver(records);
      } catch (error) {
        if (closed) break;
        const unknownTopic = isKafkaProtocolError(error) && error.code === 'UNKNOWN_TOPIC_OR_PARTITION';
        if (unknownTopic)
          first = false; // created later: start from its beginning
        else onError(error);
        meta = undefined;
        await sleep(ERROR_BACKOFF_MS);
      }
    }
  })();

  return {
    async close(): Promise<void> {
      closed = true;
      wake?.();
      await loop;
      await polled?.dropLane(limits.lane).catch(onError);
    },
  };
}
