/**
 * Benchmark hygiene: a result whose 1-minute load average was above NOISY_LOAD1 when it started shared
 * the machine with other work, so it is marked noisy (in its JSON and wherever it is printed) and is no
 * evidence for or against a goal. Every result records the load at its own start for this.
 */
import { loadAverage } from '../env/machine.js';

export const NOISY_LOAD1 = 2;

export interface LoadAtStart {
  /** 1-minute load average when this result started. */
  load1AtStart: number;
  /** load1AtStart > NOISY_LOAD1. */
  noisy: boolean;
}

export function isNoisy(load1: number): boolean {
  return load1 > NOISY_LOAD1;
}

/** The load now, taken just before a measurement starts. */
export function loadAtStart(): LoadAtStart {
  const load1AtStart = loadAverage()[0];
  return { load1AtStart, noisy: isNoisy(load1AtStart) };
}

/** A table cell: the load at start, with "(noisy)" when it was above the threshold. */
export function loadCell(load1: number): string {
  return isNoisy(load1) ? `${load1} (noisy)` : String(load1);
}

/** Several results' loads in one cell ("0.4 / 2.6 (noisy)"). */
export function loadCells(loads: readonly number[]): string {
  return loads.map(loadCell).join(' / ');
}
