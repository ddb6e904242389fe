import { setTimeout as delay } from 'node:timers/promises';
import { BenchError } from '../errors.js';

export const sleep = (ms: number): Promise<void> => delay(ms);

/** Polls `done` until true; throws BenchError after `timeoutMs` (what: names the wait). */
export async function waitFor(
  what: string,
  done: () => boolean,
  timeoutMs: number,
  stepMs = 20,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline)
      throw new BenchError('TIMEOUT', `timed out after ${timeoutMs} ms waiting for ${what}`);
    await delay(stepMs);
  }
}
