/**
 * readPresence: the live view of a queue's workers. Reads the compacted presence topic from
 * the start (compaction keeps it about one record per worker), keeps the latest record per
 * worker id, drops workers whose latest record is a tombstone, and flags as stale those whose
 * last heartbeat is older than 3 of their own intervals (crashed or partitioned away: their
 * jobs come back when the locks expire).
 */
import type { Engine } from '../../engine/engine.js';
import type { QueueTopology } from '../topology.js';
import { decodePresence, type PresenceRecord } from './presence.js';

export interface LiveWorker extends PresenceRecord {
  stale: boolean;
}

export interface ReadPresenceOptions {
  now?: number;
  /** Include stale workers (default true: the dashboard shows them, flagged). */
  includeStale?: boolean;
}

export async function readPresence(
  engine: Engine,
  topology: QueueTopology,
  options: ReadPresenceOptions = {},
): Promise<LiveWorker[]> {
  const now = options.now ?? Date.now();
  const records = await engine.readTopic(topology.presenceTopic);
  const latest = new Map<string, PresenceRecord | null>();
  for (const record of records) {
    const key = record.key?.toString('utf8');
    if (!key) continue;
    try {
      latest.set(key, decodePresence(record));
    } catch {
      // A garbled record says nothing about a live worker; its next heartbeat replaces it.
    }
  }
  const out: LiveWorker[] = [];
  for (const presence of latest.values()) {
    if (!presence) continue;
    const stale = now - presence.heartbeatAt > 3 * presence.heartbeatIntervalMs;
    if (stale && options.includeStale === false) continue;
    out.push({ ...presence, stale });
  }
  return out.sort((a, b) => a.workerId.localeCompare(b.workerId));
}
