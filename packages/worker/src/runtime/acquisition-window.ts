/**
 * How many acquired records the worker keeps ahead of its free slots (its prefetch window).
 *
 * A held record costs lock time (it is RENEWed while it waits, so no delivery attempt is burnt) and, on a
 * partition shared by many members, a lock another member could have used. So the window holds only what
 * the worker will start soon: enough records to keep every slot busy while the next ShareFetch travels
 * (`coverMs` of work: the measured round trip of a poll, with margin, at least `COVER_MS`), and never a
 * record expected to wait longer than `startWithinMs` (a quarter of the lock, at most one second). Fast jobs
 * get a wide window and stream; jobs that take longer than that horizon per slot get none, and the worker
 * acquires only for free slots. Members sharing a partition split Kafka's in-flight cap between them
 * (`sharers`).
 *
 * Why the cover follows the measured round trip: the broker serves the ShareFetches of one share-partition
 * one at a time (its fetch lock), so a poll's round trip grows with the members fetching that partition and
 * with the broker's load. A fixed 50 ms cover gave 32 one-slot members of 50 ms jobs a window of one record,
 * so each of them sent one ShareFetch per job (640/s on one partition) and, once those queued on the broker
 * (100+ ms round trips), every member waited for its next record. A window sized from the round trip takes
 * more records per fetch when fetches queue, so fewer fetches reach the partition and they queue less.
 *
 * Pure arithmetic on the measured job duration, so the policy is unit-tested without timing.
 */

/**
 * Records this worker holds unsettled (running, settling, held) plus what the next poll asks for stay
 * below this. Kafka caps a share-partition's in-flight records (group.share.partition.max.record.locks,
 * 2000 by default) and the ACCEPTs riding on a ShareFetch still count when that fetch acquires: asking for
 * 1000 while 1000 acks ride along hits the cap and the fetch waits (bench/share-rtt.mjs on the dev broker:
 * 8.5k records/s at 1000 per fetch, 58k at 900).
 */
export const IN_FLIGHT_BUDGET = 1_800;
/** Work the window holds at least: a broker round trip on a busy host, with margin. */
export const COVER_MS = 50;
/**
 * The most work the window holds to cover slow round trips: a busy poll's own bound (pool.ts,
 * BUSY_POLL_WAIT_MS), so a round trip that waited for records to arrive (a queue running dry) never widens
 * the window beyond what an empty-queue poll could cost anyway.
 */
export const COVER_MAX_MS = 250;
/** The cover is this many mean round trips: one round trip is a mean, not the slow ones. */
const ROUND_TRIP_MARGIN = 2;
/** A held record is expected to start within this (or a quarter of the lock, if shorter). */
export const START_WITHIN_MAX_MS = 1_000;
/** Below this a measured job duration is noise (Date.now() has 1 ms steps; no-op jobs measure 0). */
const MIN_JOB_MS = 0.01;

export interface WindowInputs {
  concurrency: number;
  /** Mean time a job holds its slot (ms, moving average); undefined before the first job finished. */
  jobMs: number | undefined;
  /**
   * Mean time a poll took to bring what it asked for while jobs ran (ms, moving average; see PollRoundTrip);
   * undefined before the first such poll.
   */
  roundTripMs?: number | undefined;
  lockDurationMs: number;
  /** The `prefetch` option: the most records ever held ahead (0 = never hold any). */
  maxAhead: number;
  /**
   * Members fetching from this worker's busiest partition (partition-sharers.ts; 1 when alone or unknown).
   * Kafka's lock cap is per partition, for all of them together: each takes its share of the budget.
   */
  sharers?: number;
}

/** Unsettled + requested records this worker may have, its share of IN_FLIGHT_BUDGET. */
export function inFlightBudget(sharers = 1): number {
  return Math.floor(IN_FLIGHT_BUDGET / Math.max(1, sharers));
}

/** Records to hold acquired beyond the free slots. */
export function recordsAhead({
  concurrency,
  jobMs,
  lockDurationMs,
  maxAhead,
  roundTripMs,
  sharers = 1,
}: WindowInputs): number {
  // Nothing measured yet: a slow first job must not find spare locks waiting behind it.
  if (jobMs === undefined || maxAhead <= 0) return 0;
  const startsPerMs = concurrency / Math.max(jobMs, MIN_JOB_MS);
  const startWithinMs = startHorizonMs(lockDurationMs);
  const startSoon = Math.floor(startsPerMs * startWithinMs);
  const cover = Math.ceil(startsPerMs * coverMs(roundTripMs));
  // Half the in-flight budget: one window being processed while the next is acquired (its acks ride along).
  // Shared by the partition's members: two windows each of 850 would need 3,400 locks of 2,000, and the
  // member whose fetches come back short sits idle while records wait.
  const budget = Math.floor(inFlightBudget(sharers) / 2) - concurrency;
  return Math.max(0, Math.min(cover, startSoon, maxAhead, budget));
}

/**
 * Work the window holds so the slots stay busy while a poll travels: `ROUND_TRIP_MARGIN` mean round trips,
 * at least COVER_MS (a quiet broker answers in a few ms), at most COVER_MAX_MS.
 */
export function coverMs(roundTripMs: number | undefined): number {
  return Math.min(COVER_MAX_MS, Math.max(COVER_MS, ROUND_TRIP_MARGIN * (roundTripMs ?? 0)));
}

/**
 * The most a whole-batch fetch (PollOptions.acquire 'batches', Kafka's batch_optimized) can bring beyond
 * what it asked for: the broker never lets a partition's in-flight records pass its lock cap, 2,000 by
 * default (a producer batch can hold far more records than that).
 */
export const WHOLE_BATCH_SURPLUS_MAX = 2_000;

/**
 * Whole batches are worth asking for (they cost the broker less per record) only when even the largest
 * surplus they may bring would start within the start horizon: jobs this fast never sit on those locks.
 * Slower jobs (3 s jobs at concurrency 10 got a 180-record batch once) acquire exactly.
 */
export function takesWholeBatches({ concurrency, jobMs, lockDurationMs }: WindowInputs): boolean {
  if (jobMs === undefined) return false;
  const startsPerMs = concurrency / Math.max(jobMs, MIN_JOB_MS);
  return startsPerMs * startHorizonMs(lockDurationMs) >= WHOLE_BATCH_SURPLUS_MAX;
}

/** A held record is expected to start within this (a quarter of the lock, at most START_WITHIN_MAX_MS). */
export function startHorizonMs(lockDurationMs: number): number {
  return Math.min(lockDurationMs / 4, START_WITHIN_MAX_MS);
}

/**
 * A held record waiting longer than this broke the window's promise (every slot is taken by a job far
 * slower than the measured mean): it goes back to the queue, for a worker with a free slot to take.
 */
export function overdueAfterMs(lockDurationMs: number): number {
  return 2 * startHorizonMs(lockDurationMs);
}

/**
 * A running job older than this no longer counts as a slot that frees soon: the window is sized for the
 * other slots only, so a slow or stuck job never has records acquired behind it.
 */
export function stalledAfterMs(meanJobMs: number | undefined, lockDurationMs: number): number {
  return Math.max(4 * (meanJobMs ?? 0), startHorizonMs(lockDurationMs));
}

/**
 * Poll again once no more than this many records are held: the next fetch then travels while the other
 * half of the window runs. With no window, poll as soon as a slot is free.
 */
export function refillBelow(ahead: number): number {
  return Math.floor(ahead / 2);
}

/** Moving average of a duration (ms); one multiply-add per sample. */
class MovingMeanMs {
  #mean: number | undefined;

  constructor(private readonly weight: number) {}

  get meanMs(): number | undefined {
    return this.#mean;
  }

  record(ms: number): void {
    this.#mean = this.#mean === undefined ? ms : this.#mean + this.weight * (ms - this.#mean);
  }
}

/** Moving average of how long jobs hold a slot; one multiply-add per finished job. */
export class JobDuration extends MovingMeanMs {
  constructor(weight = 0.1) {
    super(weight);
  }
}

/**
 * Moving average of a poll's round trip, as the pool waits on it: from poll() to the records, the wait for a
 * ShareFetch of this member still in flight and the broker's queue on the share-partition included.
 * Sampled only for polls sent while jobs ran (a poll from an idle worker waits for records to arrive,
 * which says nothing about the broker) that brought all they asked for (a short answer means the queue ran
 * dry: the wait was for records, not for the broker). Quicker to follow than JobDuration: the broker's
 * queue changes as members come and go.
 */
export class PollRoundTrip extends MovingMeanMs {
  constructor(weight = 0.2) {
    super(weight);
  }
}
