import { expect } from 'vitest';
import { run } from '../../src/scenarios/worker-kills.js';
import { quickScenarioTest } from './quick-scenario.js';

quickScenarioTest(
  'fault scenario 1: worker kills (quick)',
  'SIGKILLing random supervised worker processes loses no job; duplicates stay within what was in flight',
  run,
  {
    timeoutMs: 240_000,
    completed: 5_000,
    also: (report) => expect(report.notes.kills).toBeGreaterThanOrEqual(3),
  },
);
