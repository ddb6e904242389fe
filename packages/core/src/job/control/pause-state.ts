/**
 * The queue-wide pause flag on the control topic (see control-topic.ts): key "paused", value
 * { v: 1, paused, at, by }. The last record wins (compaction keeps exactly that one).
 */
import type { Engine, OutgoingRecord, StoredRecord } from '../../engine/engine.js';
import type { QueueTopology } from '../topology.js';

export interface PauseRecord {
  v: 1;
  paused: boolean;
  /** Epoch ms of the pause()/resume() call. */
  at: number;
  /** Who asked (free text, e.g. "queue", "cli", "dashboard"). */
  by: string;
}

const PAUSED_KEY = 'paused';

export function encodePauseRecord(record: PauseRecord): OutgoingRecord {
  return { key: PAUSED_KEY, value: JSON.stringify(record) };
}

/** The pause record a stored record carries, or undefined (other keys, foreign or garbled values). */
export function decodePauseRecord(record: Pick<StoredRecord, 'key' | 'value'>): PauseRecord | undefined {
  if (record.key?.toString('utf8') !== PAUSED_KEY || record.value === null) return undefined;
  try {
    const parsed = JSON.parse(record.value.toString('utf8')) as Partial<PauseRecord>;
    if (parsed.v === 1 && typeof parsed.paused === 'boolean' && typeof parsed.at === 'number')
      return {
        v: 1,
        paused: parsed.paused,
        at: parsed.at,
        by: typeof parsed.by === 'string' ? parsed.by : '',
      };
  } catch {
    // Not ours: ignored.
  }
  return undefined;
}

export interface PauseSnapshot {
  state: PauseRecord | undefined;
  /** Offset of the last record read (-1 when the topic is empty). */
  lastOffset: number;
}

export async function readPauseState(engine: Engine, topology: QueueTopology): Promise<PauseSnapshot> {
  let state: PauseRecord | undefined;
  let lastOffset = -1;
  for (const record of await engine.readTopic(topology.controlTopic)) {
    lastOffset = Math.max(lastOffset, record.offset);
    state = decodePauseRecord(record) ?? state;
  }
  return { state, lastOffset };
}

export async function writePauseState(
  engine: Engine,
  topology: QueueTopology,
  paused: boolean,
  by: string,
): Promise<void> {
  await engine.produce(topology.controlTopic, [encodePauseRecord({ v: 1, paused, at: Date.now(), by })]);
}
