/**
 * When to restart a crashed worker process: exponential backoff from `baseMs` up to `maxMs`, and the
 * crash count resets once a process has stayed up for `stableMs` — so a crash loop slows down to one
 * restart per `maxMs`, while an occasional crash restarts quickly.
 */
export interface RestartPolicy {
  baseMs: number;
  maxMs: number;
  stableMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { baseMs: 500, maxMs: 30_000, stableMs: 60_000 };

export function restartDelay(policy: RestartPolicy, consecutiveCrashes: number): number {
  const exponent = Math.max(0, consecutiveCrashes - 1);
  return Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
}

export function crashesAfter(policy: RestartPolicy, previousCrashes: number, uptimeMs: number): number {
  return uptimeMs >= policy.stableMs ? 1 : previousCrashes + 1;
}
