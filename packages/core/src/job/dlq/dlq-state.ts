/**
 * DLQ state markers on `<prefix>.<q>.dlq-state` (compacted, ONE partition so every writer's
 * markers are totally ordered). Key = DeadJob id "<dlq partition>:<dlq offset>"; value JSON:
 *
 *   { state: 'replaying', owner, token, at, queueFrom }   intent: `owner` is about to produce the
 *        replayed copy with header sharq-replay=token; queueFrom = per-partition queue end offsets
 *        taken BEFORE the produce (where a recovery scan for the token starts)
 *   { state: 'replayed', owner, token, at }               the copy is durably in the queue topic
 *   { state: 'purged', at }                               hidden from listings (filtered purge)
 *   null (tombstone)                                      forget the key (after a full purge)
 *
 * Ownership of a replay: the FIRST 'replaying' marker written since the key's last settled
 * state wins; a replayer that finds an earlier intent by someone else backs off.
 */
import type { Engine, OutgoingRecord } from '../../engine/engine.js';
import type { QueueTopology } from '../topology.js';

export type DlqMarker =
  | { state: 'replaying'; owner: string; token: string; at: number; queueFrom: Record<string, number> }
  | { state: 'replayed'; owner: string; token: string; at: number }
  | { state: 'purged'; at: number };

export interface DlqKeyState {
  latest: DlqMarker;
  /** The first 'replaying' marker of the current run of intents (the replay's owner). */
  firstIntent: Extract<DlqMarker, { state: 'replaying' }> | undefined;
}

export function encodeMarker(id: string, marker: DlqMarker | null): OutgoingRecord {
  return { key: id, value: marker === null ? null : JSON.stringify(marker) };
}

function decodeMarker(value: Buffer): DlqMarker | undefined {
  try {
    const parsed = JSON.parse(value.toString('utf8')) as Partial<DlqMarker>;
    if (parsed.state === 'replaying' || parsed.state === 'replayed' || parsed.state === 'purged')
      return parsed as DlqMarker;
  } catch {
    // Not ours: ignored like any foreign record.
  }
  return undefined;
}

export async function readDlqState(
  engine: Engine,
  topology: QueueTopology,
): Promise<Map<string, DlqKeyState>> {
  const records = await engine.readTopic(topology.dlqStateTopic);
  const states = new Map<string, DlqKeyState>();
  for (const record of records) {
    const key = record.key?.toString('utf8');
    if (!key) continue;
    if (record.value === null) {
      states.delete(key);
      continue;
    }
    const marker = decodeMarker(record.value);
    if (!marker) continue;
    const previous = states.get(key);
    let firstIntent: DlqKeyState['firstIntent'];
    if (marker.state === 'replaying') {
      firstIntent = previous?.latest.state === 'replaying' ? previous.firstIntent : marker;
    }
    states.set(key, { latest: marker, firstIntent });
  }
  return states;
}
