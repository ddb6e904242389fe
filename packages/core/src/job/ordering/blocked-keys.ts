/**
 * The blocked keys of a key-ordered queue, across its live workers: each worker publishes the keys whose
 * head job it runs or holds for a retry (presence record, `blockedKeys`), so this is one read of the
 * presence topic. Each worker reports its top 50 (most records waiting), so a queue with more blocked keys
 * than that per worker shows the heaviest ones. Used by the dashboard.
 */
import type { Engine } from '../../engine/engine.js';
import type { PresenceBlockedKey } from '../presence/presence.js';
import { readPresence } from '../presence/read-presence.js';
import type { QueueTopology } from '../topology.js';

export interface BlockedKey extends PresenceBlockedKey {
  /** The worker whose job blocks the key. */
  workerId: string;
}

export async function listBlockedKeys(
  engine: Engine,
  topology: QueueTopology,
  options: { limit?: number; now?: number } = {},
): Promise<BlockedKey[]> {
  const workers = await readPresence(engine, topology, {
    includeStale: false,
    now: options.now ?? Date.now(),
  });
  const keys: BlockedKey[] = [];
  for (const worker of workers)
    for (const entry of worker.blockedKeys ?? []) keys.push({ ...entry, workerId: worker.workerId });
  keys.sort((a, b) => b.waiting - a.waiting || a.since - b.since);
  return keys.slice(0, options.limit ?? 50);
}
