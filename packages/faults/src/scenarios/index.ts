import type { ScenarioReport } from '../harness/report.js';
import type { RunOptions } from '../harness/scenario.js';
import { run as workerKills } from './worker-kills.js';

export type Scenario = (options: RunOptions) => Promise<ScenarioReport>;

/** Scenario names for the `faults` command, in issue order. */
export const SCENARIOS: Record<string, Scenario> = {
  'worker-kills': workerKills,
};
