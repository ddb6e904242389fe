/**
 * Adds jobs at a steady rate: every few ms it starts however many add() calls are due since the start
 * (catching up if the event loop was late), without awaiting each one. Resolves when all adds settled.
 */
import { sleep } from './time.js';

export async function paced(
  ratePerSec: number,
  total: number,
  add: (i: number) => Promise<unknown>,
): Promise<{ errors: number }> {
  const started = performance.now();
  const inflight: Promise<unknown>[] = [];
  let errors = 0;
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * ratePerSec) + 1);
    while (sent < due) {
      inflight.push(
        add(sent).catch(() => {
          errors++;
        }),
      );
      sent++;
    }
    await sleep(2);
  }
  await Promise.all(inflight);
  return { errors };
}
