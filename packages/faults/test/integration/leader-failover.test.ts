import { run } from '../../src/scenarios/leader-failover.js';
import { quickScenarioTest } from './quick-scenario.js';

quickScenarioTest(
  'fault scenario 4: leader failover (quick)',
  'SIGKILL of the partition leader in a 3-node cluster (replication 3, min ISR 2) loses no job',
  run,
  { timeoutMs: 420_000 },
);
