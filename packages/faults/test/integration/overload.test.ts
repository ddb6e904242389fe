import { run } from '../../src/scenarios/overload.js';
import { quickScenarioTest } from './quick-scenario.js';

quickScenarioTest(
  'fault scenario 7: overload (quick)',
  'a producer far faster than the workers: memory bounded, lag reported correctly, the backlog drains',
  run,
);
