import { run } from '../../src/scenarios/broker-restarts.js';
import { quickScenarioTest } from './quick-scenario.js';

quickScenarioTest(
  'fault scenario 3: broker restarts (quick)',
  'two restarts of its own broker (SIGKILL, SIGTERM): producers and workers resume, no acknowledged add lost',
  run,
);
