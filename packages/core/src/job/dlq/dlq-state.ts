/**
 * DLQ state markers on `<prefix>.<q>.dlq-state` (compacted, ONE partition so every writer's
 * markers are totally ordered). Compaction keeps only the last record per key, so each key holds
 * one self-sufficient fact:
 *
 *   key "<id>"                      settled state of DeadJob <id> ("<dlq partition>:<dlq offset>")
 *     { state: 'replayed', owner, token, at }   the replayed copy is durably in the queue topic
 *     { state: 'purged', at }                   hidden from listings (filtered purge)
 *   key "<id>|intent|<nonce>"       one replay intent (one record per key, tombstoned when settled)
 *     { state: 'replaying', id, nonce, owner, token, at, queueFrom, takes? }
 *        `owner` is about to produce the replayed copy with header sharq-replay=token; queueFrom =
 *        the queue's per-partition end offsets taken BEFORE that produce (where a recovery scan for
 *        the token starts); takes = the nonce of the intent this one takes over
 *   null (tombstone)                forget the key
 *
 * Ownership, decided by log order alone so every reader agrees: of the live intents of an id, the
 * first one owns the replay; a later intent becomes the owner only if it `takes` the current owner
 * and is the first to do so. Intents that lost stay in the log until the id settles, and then are
 * tombstoned with it, so compaction never removes the history ownership is read from.
 */
import type { Engine, OutgoingRecord, StoredRecord } from '../../engine/engine.js';
import type { QueueTopology } from '../topology.js';

export interface IntentMarker {
  state: 'replaying';
  id: string;
  nonce: string;
  owner: string;
  token: string;
  at: number;
  queueFrom: Record<string, number>;
  takes?: string;
}

export type SettledMarker =
  | { state: 'replayed'; owner: string; token: string; at: number }
  | { state: 'purged'; at: number };

export type DlqMarker = IntentMarker | SettledMarker;

export interface DlqKeyState {
  settled: SettledMarker | undefined;
  /** The intent that owns the replay in progress, if unsettled. */
  owner: IntentMarker | undefined;
  /** Keys of the id's live intents (tombstoned when it settles). */
  intentKeys: string[];
  /** 'replayed' | 'purged' | 'replaying' | undefined (dead, untouched). */
  state: SettledMarker['state'] | 'replaying' | undefined;
}

const INTENT = '|intent|';

export function intentKey(id: string, nonce: string): string {
  return `${id}${INTENT}${nonce}`;
}

export function encodeMarker(key: string, marker: DlqMarker | null): OutgoingRecord {
  return { key, value: marker === null ? null : JSON.stringify(marker) };
}

function decodeMarker(value: Buffer): DlqMarker | undefined {
  try {
    const parsed = JSON.parse(value.toString('utf8')) as Partial<DlqMarker>;
    if (parsed.state === 'replaying' && typeof parsed.id === 'string' && typeof parsed.nonce === 'string')
      return parsed as IntentMarker;
    if (parsed.state === 'replayed' || parsed.state === 'purged') return parsed as SettledMarker;
  } catch {
    // Not ours: ignored like any foreign record.
  }
  return undefined;
}

export async function readDlqState(
  engine: Engine,
  topology: QueueTopology,
): Promise<Map<string, DlqKeyState>> {
  const log = new DlqStateLog();
  log.apply(await engine.readTopic(topology.dlqStateTopic));
  return log.states();
}

/**
 * The state topic folded record by record, so a reader can keep it and apply only what was appended
 * since (the dashboard's DeadJobIndex) instead of reading the topic again.
 */
export class DlqStateLog {
  private readonly settled = new Map<string, SettledMarker>();
  /** id → live intents in log order (Map keeps insertion order). */
  private readonly intents = new Map<string, Map<string, IntentMarker>>();

  apply(records: readonly Pick<StoredRecord, 'key' | 'value'>[]): void {
    for (const record of records) {
      const key = record.key?.toString('utf8');
      if (!key) continue;
      const at = key.indexOf(INTENT);
      if (at >= 0) {
        const id = key.slice(0, at);
        if (record.value === null) {
          this.intents.get(id)?.delete(key);
          continue;
        }
        const marker = decodeMarker(record.value);
        if (marker?.state !== 'replaying') continue;
        let list = this.intents.get(id);
        if (!list) {
          list = new Map();
          this.intents.set(id, list);
        }
        list.set(key, marker);
        continue;
      }
      if (record.value === null) {
        this.settled.delete(key);
        continue;
      }
      const marker = decodeMarker(record.value);
      if (marker && marker.state !== 'replaying') this.settled.set(key, marker);
    }
  }

  /** The state of one id, or undefined for a dead job nobody touched. */
  stateOf(id: string): DlqKeyState['state'] {
    const done = this.settled.get(id);
    if (done) return done.state;
    const live = this.intents.get(id);
    return live && ownerOf([...live.values()]) ? 'replaying' : undefined;
  }

  states(): Map<string, DlqKeyState> {
    const states = new Map<string, DlqKeyState>();
    for (const id of new Set([...this.settled.keys(), ...this.intents.keys()])) {
      const live = this.intents.get(id) ?? new Map<string, IntentMarker>();
      const done = this.settled.get(id);
      const owner = done ? undefined : ownerOf([...live.values()]);
      states.set(id, {
        settled: done,
        owner,
        intentKeys: [...live.keys()],
        state: done?.state ?? (owner ? 'replaying' : undefined),
      });
    }
    return states;
  }
}

function ownerOf(intents: readonly IntentMarker[]): IntentMarker | undefined {
  let owner: IntentMarker | undefined;
  for (const intent of intents) {
    if (!owner) owner = intent;
    else if (intent.takes === owner.nonce) owner = intent;
  }
  return owner;
}
