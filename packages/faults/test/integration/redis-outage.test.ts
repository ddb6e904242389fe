import { run } from '../../src/scenarios/redis-outage.js';
import { quickScenarioTest } from './quick-scenario.js';

quickScenarioTest(
  'fault scenario 5: Redis outage (quick)',
  'fail-closed stops starting jobs, fail-open keeps going, both recover, no job lost',
  run,
);
