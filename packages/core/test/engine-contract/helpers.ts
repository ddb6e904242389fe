import type { DeliveredRecord, Engine, ShareConsumer } from '../../src/engine/engine.js';

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries `check` until it returns a value other than undefined, or fails with `what` after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  timeoutMs: number,
  check: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

/** Polls until `count` records arrived in total (or the deadline passes); returns what arrived. */
export async function pollAtLeast(
  consumer: ShareConsumer,
  count: number,
  timeoutMs: number,
  maxRecords = 500,
): Promise<DeliveredRecord[]> {
  const out: DeliveredRecord[] = [];
  const deadline = Date.now() + timeoutMs;
  while (out.length < count && Date.now() < deadline) {
    const records = await consumer.poll(Math.min(maxRecords, 500), {
      maxWaitMs: Math.max(1, Math.min(1000, deadline - Date.now())),
    });
    out.push(...records);
  }
  return out;
}

/** Sum of lag over every partition of `topic` for `groupId`. */
export async function totalLag(engine: Engine, groupId: string, topic: string): Promise<number> {
  const lags = await engine.describeShareGroupOffsets(groupId, [topic]);
  return lags.reduce((sum, lag) => sum + lag.lag, 0);
}

export function text(value: Buffer | null | undefined): string | null {
  return value ? value.toString('utf8') : null;
}
