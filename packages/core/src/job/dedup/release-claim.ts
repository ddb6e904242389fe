/**
 * The worker's side: when a deduplicated job finishes for good (completed, or dead-lettered), its claim
 * is released so the id can be added again. Claims with a ttl are not released (throttle mode: the id
 * stays taken for the ttl, however fast the job ran). Retries and replays carry the same claim and never
 * claim again, so they are not duplicates of themselves; a replayed job's release is a no-op (its claim
 * was released when it died).
 */
import type { Engine } from '../../engine/engine.js';
import type { JobEnvelope } from '../envelope.js';
import type { QueueTopology } from '../topology.js';
import { encodeDedupRecord } from './dedup-records.js';

export function needsDedupRelease(opts: JobEnvelope['opts']): boolean {
  return opts.dedup !== undefined && opts.dedup.ttl === undefined;
}

export async function releaseDedupClaim(
  engine: Engine,
  topology: QueueTopology,
  opts: JobEnvelope['opts'],
): Promise<void> {
  const dedup = opts.dedup;
  if (!dedup || dedup.ttl !== undefined) return;
  await engine.produce(topology.dedupTopic, [
    encodeDedupRecord({ t: 'release', key: dedup.key, token: dedup.token }),
  ]);
}
