/**
 * How many members of the share group fetch from this worker's busiest partition.
 *
 * Kafka caps a share-partition's in-flight records (2,000 locks by default) for ALL its members together.
 * A lone worker with fast jobs sizes its prefetch window from half that cap; several such workers on one
 * partition would each want the same and starve one another (their fetches come back short while records
 * wait). Knowing the member count lets each take a fair share (acquisition-window.ts, `sharers`).
 *
 * The count comes from ShareGroupDescribe, refreshed every REFRESH_MS, and only while the window is large
 * enough for sharing to cut it (`needed`): slow jobs or small windows (e.g. 32 members × 1 slot × 50 ms)
 * never send the request.
 */
import type { Engine, ShareGroupDescription } from '@sharq/core';

export const SHARERS_REFRESH_MS = 5_000;
/** While the count is not needed, whether it became so is checked this often (no request). */
const NEEDED_CHECK_MS = 1_000;

/**
 * Members assigned this member's busiest partition of `topic` (itself included); undefined when the
 * description does not list this member yet (just joined: keep the previous count).
 */
export function partitionSharers(
  description: ShareGroupDescription,
  memberId: string,
  topic: string,
): number | undefined {
  const perPartition = new Map<number, number>();
  let mine: readonly number[] | undefined;
  for (const member of description.members) {
    for (const assigned of member.assignment) {
      if (assigned.topic !== topic) continue;
      for (const partition of assigned.partitions) {
        perPartition.set(partition, (perPartition.get(partition) ?? 0) + 1);
      }
      if (member.memberId === memberId) mine = assigned.partitions;
    }
  }
  if (!mine) return undefined;
  let sharers = 1;
  for (const partition of mine) sharers = Math.max(sharers, perPartition.get(partition) ?? 1);
  return sharers;
}

export interface SharerWatchOptions {
  engine: Pick<Engine, 'describeShareGroup'>;
  groupId: string;
  topic: string;
  memberId: () => string;
  /** Whether the count could change anything now (the window is large enough to be cut). */
  needed: () => boolean;
  onError: (error: unknown) => void;
  refreshMs?: number;
}

/** Keeps `sharers` current while the worker runs. */
export class SharerWatch {
  #sharers = 1;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;
  /** The code (or message) of the last failure reported: a failure repeating every refresh is said once. */
  #lastFailure: string | undefined;

  constructor(private readonly options: SharerWatchOptions) {}

  get sharers(): number {
    return this.#sharers;
  }

  start(): void {
    if (this.#stopped || this.#timer) return;
    this.#schedule(0);
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** One refresh now (the timer calls it; tests too); false when it was not needed, so not asked. */
  async refresh(): Promise<boolean> {
    if (!this.options.needed()) return false;
    const { engine, groupId, topic, memberId } = this.options;
    try {
      const sharers = partitionSharers(await engine.describeShareGroup(groupId), memberId(), topic);
      if (sharers !== undefined) this.#sharers = sharers;
      this.#lastFailure = undefined;
    } catch (error) {
      const failure = (error as { code?: unknown }).code ?? (error as Error).message;
      if (String(failure) !== this.#lastFailure) this.options.onError(error);
      this.#lastFailure = String(failure);
    }
    return true;
  }

  #schedule(delayMs: number): void {
    this.#timer = setTimeout(() => {
      void this.refresh().then((asked) => {
        if (!this.#stopped)
          this.#schedule(asked ? (this.options.refreshMs ?? SHARERS_REFRESH_MS) : NEEDED_CHECK_MS);
      });
    }, delayMs);
    this.#timer.unref();
  }
}
