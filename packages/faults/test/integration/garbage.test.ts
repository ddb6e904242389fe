import { run } from '../../src/scenarios/garbage.js';
import { quickScenarioTest } from './quick-scenario.js';

quickScenarioTest(
  'fault scenario 6: garbage (quick)',
  'every valid job completes, every bad record is dead-lettered as malformed, no worker dies',
  run,
);
