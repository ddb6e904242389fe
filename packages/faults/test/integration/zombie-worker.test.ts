import { run } from '../../src/scenarios/zombie-worker.js';
import { quickScenarioTest } from './quick-scenario.js';

quickScenarioTest(
  'fault scenario 2: zombie worker (quick)',
  'the late ACCEPTs of a SIGSTOPped worker are reported as duplicates, it survives, no job lost',
  run,
);
