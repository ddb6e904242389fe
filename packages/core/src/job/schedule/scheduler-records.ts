/**
 * Records on the schedulers topic (see schedulers-topic.ts). Each key holds one self-sufficient fact, so a
 * compacted view reads the same as the full log:
 *
 *   key "scheduler|<id>"  SchedulerDefinition   the scheduler as last upserted; tombstone = removed
 *   key "fired|<id>"      FiredMarker           its last tick: 'firing' (intent, written before the job is
 *                                               produced) then 'fired' (the job is durably in the queue topic)
 *   key "lease"           LeaseRecord           who fires (see lease.ts)
 *
 * Values are JSON, version 1. A record that does not decode is ignored like any foreign record.
 */
import type { OutgoingRecord, StoredRecord } from '../../engine/engine.js';
import type { CompiledJobOptions } from '../options.js';
import type { CompiledRepeat } from './repeat.js';

export interface SchedulerTemplate {
  name: string;
  data: unknown;
  /** Compiled once at upsert with the queue's defaults, as in an envelope. */
  opts: CompiledJobOptions;
}

export interface SchedulerDefinition {
  v: 1;
  id: string;
  repeat: CompiledRepeat;
  template: SchedulerTemplate;
  /** Changes on every upsert: fired markers of an older version do not count towards `limit`. */
  version: string;
  /** Epoch ms of the upsert: the first tick is the first one after it. */
  upsertedAt: number;
}

export interface FiredMarker {
  v: 1;
  id: string;
  version: string;
  state: 'firing' | 'fired';
  tick: number;
  jobId: string;
  /** Jobs fired by this version, this one included. */
  count: number;
  /** Partition of the queue topic the job goes to, and where a recovery scan for it starts. */
  partition: number;
  scanFrom: number;
  /** Offset of the produced job (state 'fired'). */
  offset?: number;
  /** Worker that fired it, and when (epoch ms). */
  by: string;
  at: number;
}

export interface LeaseRecord {
  v: 1;
  owner: string;
  term: number;
  until: number;
  at: number;
}

export type ScheduleRecord =
  | { kind: 'scheduler'; id: string; value: SchedulerDefinition | null }
  | { kind: 'fired'; id: string; value: FiredMarker | null }
  | { kind: 'lease'; value: LeaseRecord };

const SCHEDULER = 'scheduler|';
const FIRED = 'fired|';
const LEASE = 'lease';

export function encodeScheduler(id: string, value: SchedulerDefinition | null): OutgoingRecord {
  return { key: `${SCHEDULER}${id}`, value: value === null ? null : JSON.stringify(value) };
}

export function encodeFired(id: string, value: FiredMarker | null): OutgoingRecord {
  return { key: `${FIRED}${id}`, value: value === null ? null : JSON.stringify(value) };
}

export function encodeLease(value: LeaseRecord): OutgoingRecord {
  return { key: LEASE, value: JSON.stringify(value) };
}

export function decodeScheduleRecord(
  record: Pick<StoredRecord, 'key' | 'value'>,
): ScheduleRecord | undefined {
  const key = record.key?.toString('utf8');
  if (!key) return undefined;
  const value = record.value === null ? null : parse(record.value);
  if (key.startsWith(SCHEDULER)) {
    const id = key.slice(SCHEDULER.length);
    if (value === null) return { kind: 'scheduler', id, value: null };
    return isDefinition(value) ? { kind: 'scheduler', id, value } : undefined;
  }
  if (key.startsWith(FIRED)) {
    const id = key.slice(FIRED.length);
    if (value === null) return { kind: 'fired', id, value: null };
    return isFired(value) ? { kind: 'fired', id, value } : undefined;
  }
  if (key === LEASE && isLease(value)) return { kind: 'lease', value };
  return undefined;
}

function parse(value: Buffer): unknown {
  try {
    return JSON.parse(value.toString('utf8'));
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isDefinition(value: unknown): value is SchedulerDefinition {
  return (
    isObject(value) &&
    value.v === 1 &&
    typeof value.id === 'string' &&
    typeof value.version === 'string' &&
    typeof value.upsertedAt === 'number' &&
    isObject(value.repeat) &&
    isObject(value.template)
  );
}

function isFired(value: unknown): value is FiredMarker {
  return (
    isObject(value) &&
    value.v === 1 &&
    (value.state === 'firing' || value.state === 'fired') &&
    typeof value.tick === 'number' &&
    typeof value.jobId === 'string' &&
    typeof value.version === 'string' &&
    typeof value.count === 'number' &&
    typeof value.partition === 'number' &&
    typeof value.scanFrom === 'number'
  );
}

function isLease(value: unknown): value is LeaseRecord {
  return (
    isObject(value) &&
    value.v === 1 &&
    typeof value.owner === 'string' &&
    typeof value.term === 'number' &&
    typeof value.until === 'number' &&
    typeof value.at === 'number'
  );
}
