/**
 * purgeDeadJobs: drop dead jobs for good.
 *   { all: true }  truncate the DLQ topic (everything in it at that moment, including records a
 *                  worker writes concurrently) and tombstone the state markers of what was read.
 *   ids / filter   write 'purged' markers: the records stay in the topic until retention but are
 *                  hidden from listings, counts and replays (a log cannot delete single records).
 */
import type { Engine } from '../../engine/engine.js';
import { produceChunked } from '../produce-batcher.js';
import type { QueueTopology } from '../topology.js';
import { encodeMarker } from './dlq-state.js';
import { loadDeadJobs } from './list-dead-jobs.js';
import { type DeadJobTarget, selectTargets } from './replay-dead-jobs.js';

export interface PurgeResult {
  purged: number;
}

export async function purgeDeadJobs(
  engine: Engine,
  topology: QueueTopology,
  target: DeadJobTarget = { all: true },
): Promise<PurgeResult> {
  const { jobs, states } = await loadDeadJobs(engine, topology);
  if (typeof target === 'object' && !Array.isArray(target) && 'all' in target) {
    await engine.truncateTopic(topology.dlqTopic);
    if (states.size > 0) {
      await produceChunked(
        engine,
        topology.dlqStateTopic,
        [...states].flatMap(([id, state]) => [id, ...state.intentKeys].map((key) => encodeMarker(key, null))),
      );
    }
    return { purged: jobs.length };
  }
  const { selected } = selectTargets(jobs, target);
  if (selected.length > 0) {
    const at = Date.now();
    await produceChunked(
      engine,
      topology.dlqStateTopic,
      selected.map((job) => encodeMarker(job.id, { state: 'purged', at })),
    );
  }
  return { purged: selected.length };
}
