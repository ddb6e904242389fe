/**
 * GET /api/queues: one summary per queue, a few queues at a time (each is several broker
 * reads). A queue that fails to load is listed with its error instead of failing the page.
 */
import type { QueueHandle } from '../data/queue-registry.js';

const PARALLEL = 4;

/** A queue's row: its numbers, or (only) the error that kept them from loading. */
export type QueueSummary = LoadedQueueSummary | FailedQueueSummary;

export interface LoadedQueueSummary {
  name: string;
  counts: { waiting: number; active: number; delayed: number; dead: number };
  completedPerMin: number | null;
  failedPerMin: number | null;
  workers: { live: number; gone: number };
  stuck: number;
  partitions: number;
  error?: undefined;
}

export interface FailedQueueSummary {
  name: string;
  error: { code: string; message: string };
}

export async function summariseQueues(
  names: readonly string[],
  open: (name: string) => Promise<QueueHandle>,
  describeError: (error: unknown) => { code: string; message: string },
): Promise<QueueSummary[]> {
  const out: QueueSummary[] = new Array(names.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < names.length; i = next++) {
      const name = names[i] as string;
      try {
        const s = await (await open(name)).snapshotter.snapshot();
        out[i] = {
          name,
          counts: s.counts,
          completedPerMin: s.rates?.completedPerMin ?? null,
          failedPerMin: s.rates?.failedPerMin ?? null,
          workers: {
            live: s.workers.filter((w) => w.state === 'live').length,
            gone: s.workers.filter((w) => w.state === 'gone').length,
          },
          stuck: s.stuck.length,
          partitions: s.partitions.length,
        };
      } catch (error) {
        const { code, message } = describeError(error);
        out[i] = { name, error: { code, message } };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, names.length) }, lane));
  return out;
}
