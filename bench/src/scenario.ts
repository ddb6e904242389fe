/**
 * What every scenario gets and returns. A scenario measures Sharq and its peer side by side in one run,
 * on services it starts itself (its own Kafka broker; the shared Redis under its own key prefix).
 */
import type { ChartSpec } from './report/chart.js';
import type { Table } from './report/table.js';

export interface ScenarioContext {
  readonly quick: boolean;
  /** Unique per run: topic, group and Redis key prefixes derive from it. */
  readonly runId: string;
  readonly redisUrl: string;
  log(line: string): void;
  /** Something a worker reported and survived (e.g. a retriable broker error): kept in the results, never fatal. */
  warn(line: string): void;
}

export interface ScenarioResult {
  readonly tables: readonly Table[];
  readonly charts: readonly ChartSpec[];
  /** Everything measured, for the results JSON. */
  readonly data: unknown;
  /** Versions of the peers measured here (e.g. { bullmq: '6.7.0' }). */
  readonly versions: Readonly<Record<string, string>>;
  /** Correctness problems (lost jobs, crashes): any entry fails the run. Slow numbers never do. */
  readonly problems: readonly string[];
  /** Honest notes printed under the tables. */
  readonly notes: readonly string[];
}

export interface Scenario {
  readonly id: string;
  readonly title: string;
  run(ctx: ScenarioContext): Promise<ScenarioResult>;
}
