import type { Scenario } from '../scenario.js';
import { e2eScenario } from './e2e.js';

/** In issue order: 1 beyond-partitions, 2 head-of-line, 3 e2e, 4 engine, 5 latency, 6 footprint. */
export const SCENARIOS: readonly Scenario[] = [e2eScenario];
