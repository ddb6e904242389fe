import {
  type LiveWorker,
  type PartitionLag,
  type PriorityCounts,
  type QueueCounter,
  readPresence,
} from '@sharq/core';
import type { QueueView } from '../queue-view.js';

export interface QueueStatus {
  queue: string;
  /** waitingByPriority: per priority level, highest first (one entry for a queue without levels). */
  counts: PriorityCounts;
  partitions: PartitionLag[];
  workers: LiveWorker[];
  /** Records appended per second (enqueue rate) and settled per second (SPSO movement), over the sample window. */
  rates: { enqueuedPerSec: number; settledPerSec: number } | undefined;
  at: number;
}

const sum = (parts: PartitionLag[], pick: (p: PartitionLag) => number) =>
  parts.reduce((s, p) => s + pick(p), 0);

/** One snapshot; with `previous`, rates are the difference over the time between them. */
export async function sampleQueueStatus(
  view: QueueView,
  counter: QueueCounter,
  previous?: QueueStatus,
): Promise<QueueStatus> {
  const [counts, partitions, workers] = await Promise.all([
    counter.counts(undefined, { byPriority: true }),
    view.engine.describeShareGroupOffsets(view.topology.group, [view.topology.topic]),
    readPresence(view.engine, view.topology),
  ]);
  const at = Date.now();
  let rates: QueueStatus['rates'];
  if (previous) {
    const seconds = Math.max(0.001, (at - previous.at) / 1000);
    rates = {
      enqueuedPerSec:
        (sum(partitions, (p) => p.endOffset) - sum(previous.partitions, (p) => p.endOffset)) / seconds,
      settledPerSec:
        (sum(partitions, (p) => p.endOffset - p.lag) - sum(previous.partitions, (p) => p.endOffset - p.lag)) /
        seconds,
    };
  }
  return { queue: view.name, counts, partitions, workers, rates, at };
}
