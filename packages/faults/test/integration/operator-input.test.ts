import { run } from '../../src/scenarios/operator-input.js';
import { quickScenarioTest } from './quick-scenario.js';

quickScenarioTest(
  'fault scenario 8: bad operator input (quick)',
  'invalid CLI flags, files and dashboard requests get clear errors and change nothing',
  run,
);
