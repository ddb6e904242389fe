/**
 * What getJobSchedulers() returns per scheduler: its definition, the next tick it will fire (undefined
 * once finished: past endDate or limit reached) and the last job it fired.
 */
import { type CompiledRepeat, latestDueTick, nextTick } from './repeat.js';
import type { BookEntry } from './scheduler-book.js';
import type { SchedulerTemplate } from './scheduler-records.js';

export interface JobSchedulerInfo {
  id: string;
  repeat: CompiledRepeat;
  template: SchedulerTemplate;
  upsertedAt: number;
  /** Epoch ms of the next tick, if any. */
  next: number | undefined;
  /** Jobs fired since the last upsert. */
  count: number;
  /** 'firing' while its job is being produced (or its firer died there and the next owner will finish it). */
  lastFired: { tick: number; jobId: string; at: number; by: string; state: 'firing' | 'fired' } | undefined;
}

/** The tick after which the next one is due: the last fired one, else the upsert. */
export function firedFloor(entry: BookEntry): number {
  return entry.fired?.tick ?? entry.definition.upsertedAt;
}

export function nextDue(entry: BookEntry, now: number): number | undefined {
  const { repeat } = entry.definition;
  if (repeat.limit !== undefined && (entry.fired?.count ?? 0) >= repeat.limit) return undefined;
  const floor = firedFloor(entry);
  const next = nextTick(repeat, floor);
  // Ticks missed while no worker ran collapse into the latest one, which fires as soon as one runs.
  if (next !== undefined && next <= now) return latestDueTick(repeat, floor, now) ?? next;
  return next;
}

export function describeScheduler(entry: BookEntry): JobSchedulerInfo {
  const { definition, fired } = entry;
  return {
    id: definition.id,
    repeat: definition.repeat,
    template: definition.template,
    upsertedAt: definition.upsertedAt,
    next: nextDue(entry, Date.now()),
    count: fired?.count ?? 0,
    lastFired: fired
      ? { tick: fired.tick, jobId: fired.jobId, at: fired.at, by: fired.by, state: fired.state }
      : undefined,
  };
}
