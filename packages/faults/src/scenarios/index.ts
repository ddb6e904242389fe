import type { ScenarioReport } from '../harness/report.js';
import type { RunOptions } from '../harness/scenario.js';
import { run as brokerRestarts } from './broker-restarts.js';
import { run as garbage } from './garbage.js';
import { run as leaderFailover } from './leader-failover.js';
import { run as operatorInput } from './operator-input.js';
import { run as overload } from './overload.js';
import { run as redisOutage } from './redis-outage.js';
import { run as workerKills } from './worker-kills.js';
import { run as zombieWorker } from './zombie-worker.js';

export type Scenario = (options: RunOptions) => Promise<ScenarioReport>;

/** Scenario names for the `faults` command, in issue order. */
export const SCENARIOS: Record<string, Scenario> = {
  'worker-kills': workerKills,
  'zombie-worker': zombieWorker,
  'broker-restarts': brokerRestarts,
  'leader-failover': leaderFailover,
  'redis-outage': redisOutage,
  garbage,
  overload,
  'operator-input': operatorInput,
};
