import type { Scenario } from '../scenario.js';
import { beyondPartitionsScenario } from './beyond-partitions.js';
import { dlqScaleScenario } from './dlq-scale.js';
import { e2eScenario } from './e2e.js';
import { engineScenario } from './engine.js';
import { footprintScenario } from './footprint.js';
import { headOfLineScenario } from './head-of-line.js';
import { latencyScenario } from './latency.js';

/** In the order they were added: 1 beyond-partitions, 2 head-of-line, 3 e2e, 4 engine, 5 latency, 6 footprint, 7 dlq-scale. */
export const SCENARIOS: readonly Scenario[] = [
  beyondPartitionsScenario,
  headOfLineScenario,
  e2eScenario,
  engineScenario,
  latencyScenario,
  footprintScenario,
  dlqScaleScenario,
];
