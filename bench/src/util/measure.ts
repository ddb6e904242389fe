/** A measured run: wall time, this process's CPU, and the load average before and after. */
import { loadAverage } from '../env/machine.js';

export interface Measured<T> {
  value: T;
  ms: number;
  load1Before: number;
  load1After: number;
}

export async function measure<T>(fn: () => Promise<T>): Promise<Measured<T>> {
  const load1Before = loadAverage()[0];
  const started = performance.now();
  const value = await fn();
  const ms = performance.now() - started;
  return { value, ms, load1Before, load1After: loadAverage()[0] };
}

export const perSecond = (count: number, ms: number): number => (ms > 0 ? (count / ms) * 1000 : Number.NaN);
