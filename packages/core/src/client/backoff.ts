/** Reconnect delays: exponential from `baseMs`, capped at `maxMs`, with ±20 % jitter so clients don't stampede. */
export function backoffDelay(
  failures: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  if (failures <= 0) return 0;
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.min(failures - 1, 30));
  return Math.round(exponential * (0.8 + 0.4 * random()));
}

/** Resolves after `ms` (0 or less resolves on the next macrotask). The timer does not keep the process alive. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, Math.max(0, ms)).unref();
  });
}
