/**
 * When a job scheduler fires: `{ every: ms }` or `{ pattern: cron, tz? }`, plus optional `startDate`,
 * `endDate` and `limit` (BullMQ's RepeatOptions). Parsed once at the edge into a CompiledRepeat (dates as
 * epoch ms); the tick arithmetic below is pure, so tests drive it with any clock.
 *
 * Ticks are deterministic, so every process computes the same ones:
 *   every    startDate + k × every (k ≥ 0); without startDate the epoch is the anchor, so `every: 60_000`
 *            fires on the minute. The first tick is the first one after the scheduler was upserted.
 *   pattern  croner's occurrences in `tz` (IANA name; default UTC). Six fields = seconds first.
 */
import { Cron } from 'croner';
import { z } from 'zod';
import { parseOptions } from '../../options/parse-options.js';

const date = z.union([z.number().int().nonnegative(), z.date(), z.iso.datetime({ offset: true })]);

const bounds = {
  /** No tick before this instant (epoch ms, Date or ISO string); the anchor of `every`. */
  startDate: date.optional(),
  /** No tick after this instant. */
  endDate: date.optional(),
  /** Fire at most this many jobs (counted from the last upsert). */
  limit: z.number().int().positive().optional(),
};

const everySchema = z.strictObject({
  /** Interval in ms (at least 1; at most a year). */
  every: z
    .number()
    .int()
    .min(1)
    .max(365 * 24 * 3_600_000),
  ...bounds,
});

const patternSchema = z.strictObject({
  /** Cron pattern (5 fields, or 6 with seconds first), read by croner. */
  pattern: z.string().min(1).max(256),
  /** IANA time zone of the pattern, e.g. 'Europe/Paris'. Default UTC. */
  tz: z.string().min(1).max(64).optional(),
  ...bounds,
});

export const repeatSchema = z.union([everySchema, patternSchema]).superRefine((value, ctx) => {
  if ('pattern' in value) {
    try {
      cronOf({ pattern: value.pattern, tz: value.tz ?? 'UTC' }).nextRun();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      ctx.addIssue({ code: 'custom', path: ['pattern'], message: `invalid cron pattern or tz: ${reason}` });
    }
  }
  const start = value.startDate === undefined ? undefined : toMs(value.startDate);
  const end = value.endDate === undefined ? undefined : toMs(value.endDate);
  if (start !== undefined && end !== undefined && end < start) {
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'must not be before startDate' });
  }
});

export type RepeatOptions = z.input<typeof repeatSchema>;

export type CompiledRepeat =
  | { every: number; startDate?: number; endDate?: number; limit?: number }
  | { pattern: string; tz: string; startDate?: number; endDate?: number; limit?: number };

export function compileRepeat(input: unknown, root = 'repeat'): CompiledRepeat {
  const parsed = parseOptions(repeatSchema, input, root);
  const out: CompiledRepeat =
    'every' in parsed ? { every: parsed.every } : { pattern: parsed.pattern, tz: parsed.tz ?? 'UTC' };
  if (parsed.startDate !== undefined) out.startDate = toMs(parsed.startDate);
  if (parsed.endDate !== undefined) out.endDate = toMs(parsed.endDate);
  if (parsed.limit !== undefined) out.limit = parsed.limit;
  return out;
}

/** The first tick strictly after `afterMs` within the bounds, or undefined when there is none. */
export function nextTick(repeat: CompiledRepeat, afterMs: number): number | undefined {
  const from = Math.max(afterMs, (repeat.startDate ?? Number.NEGATIVE_INFINITY) - 1);
  let tick: number | undefined;
  if ('every' in repeat) {
    const anchor = repeat.startDate ?? 0;
    tick = anchor + (Math.floor((from - anchor) / repeat.every) + 1) * repeat.every;
  } else {
    tick = cronOf(repeat).nextRun(new Date(from))?.getTime();
  }
  return tick !== undefined && (repeat.endDate === undefined || tick <= repeat.endDate) ? tick : undefined;
}

/**
 * The latest tick at or before `nowMs` and strictly after `afterMs` (the last fired tick, or the upsert
 * time), within the bounds. After an outage this is the one tick that fires: older missed ticks are skipped.
 */
export function latestDueTick(repeat: CompiledRepeat, afterMs: number, nowMs: number): number | undefined {
  const to = repeat.endDate === undefined ? nowMs : Math.min(nowMs, repeat.endDate);
  let tick: number | undefined;
  if ('every' in repeat) {
    const anchor = repeat.startDate ?? 0;
    if (to >= anchor) tick = anchor + Math.floor((to - anchor) / repeat.every) * repeat.every;
  } else {
    // previousRuns looks strictly before its reference, in whole seconds: look from a second later so a
    // tick exactly at `to` counts, and step back once if that found one after `to`.
    const cron = cronOf(repeat);
    const found = cron.previousRuns(1, new Date(to + 1_000))[0];
    tick = found && found.getTime() > to ? cron.previousRuns(1, found)[0]?.getTime() : found?.getTime();
  }
  if (tick === undefined || tick <= afterMs || tick > to) return undefined;
  if (repeat.startDate !== undefined && tick < repeat.startDate) return undefined;
  return tick;
}

function cronOf(repeat: { pattern: string; tz: string }): Cron {
  return new Cron(repeat.pattern, { timezone: repeat.tz });
}

function toMs(value: number | Date | string): number {
  if (typeof value === 'number') return value;
  if (value instanceof Date) return value.getTime();
  return Date.parse(value);
}

/**
 * The ticks to fire now, oldest first, given the last fired one (or the upsert time) in `afterMs`:
 * - every tick missed for less than `catchUpMs` (a firing process died and another took over: each of
 *   those ticks still gets its job, late), at most `max` of them;
 * - after a longer gap (every process was down), only the latest tick: one job, not a burst.
 */
export function dueTicks(
  repeat: CompiledRepeat,
  afterMs: number,
  nowMs: number,
  catchUpMs: number,
  max = 100,
): number[] {
  const first = nextTick(repeat, afterMs);
  if (first === undefined || first > nowMs) return [];
  if (first < nowMs - catchUpMs) {
    const latest = latestDueTick(repeat, afterMs, nowMs);
    return latest === undefined ? [] : [latest];
  }
  const ticks: number[] = [];
  for (
    let tick: number | undefined = first;
    tick !== undefined && tick <= nowMs;
    tick = nextTick(repeat, tick)
  ) {
    ticks.push(tick);
    if (ticks.length > max) ticks.shift();
  }
  return ticks;
}
