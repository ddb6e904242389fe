/**
 * The partition lists of ShareFetch / ShareAcknowledge requests, grouped by topic id as the wire wants
 * them, and small helpers shared by the request paths of fetcher.ts.
 */
import { brokerError } from '../../client/errors.js';
import type { TakenAcks } from './acknowledgements.js';
import { getOrCreate } from './maps.js';
import type { SharePartitionState } from './partitions.js';
import type { FetchPartitionRequest } from './wire.js';

export const EMPTY_SET: ReadonlySet<SharePartitionState> = new Set();

/** Topics[TopicId Partitions[PartitionIndex AcknowledgementBatches]] for these partitions. */
export function groupByTopic(
  partitions: Iterable<SharePartitionState>,
  taken: TakenAcks,
): { topicId: string; partitions: FetchPartitionRequest[] }[] {
  const byTopic = new Map<string, FetchPartitionRequest[]>();
  for (const p of partitions) {
    getOrCreate(byTopic, p.topicId, () => []).push({
      partitionIndex: p.partition,
      acknowledgementBatches: taken.get(p)?.batches ?? [],
    });
  }
  return [...byTopic].map(([topicId, parts]) => ({ topicId, partitions: parts }));
}

/** ForgottenTopicsData[TopicId Partitions[]]. */
export function forgottenByTopic(
  partitions: readonly SharePartitionState[],
): { topicId: string; partitions: number[] }[] {
  const byTopic = new Map<string, number[]>();
  for (const p of partitions) getOrCreate(byTopic, p.topicId, () => []).push(p.partition);
  return [...byTopic].map(([topicId, parts]) => ({ topicId, partitions: parts }));
}

/** "topic[partition]", appended to broker error messages. */
export function partitionLabel(p: SharePartitionState): string {
  return `${p.topic}[${p.partition}]`;
}

/** Why acks the broker did not mention in its answer go back to the queue. */
export function noVerdict(p: SharePartitionState): Error {
  return brokerError(-1, `no acknowledgement verdict for ${p.topic}[${p.partition}]`);
}

export { toError as asError } from '../../errors.js';
