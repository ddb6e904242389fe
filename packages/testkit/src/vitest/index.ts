/** Test-frame helpers (`@sharq/testkit/vitest`): they import vitest, so they live apart from the main entry. */
export { type Closable, type SuiteEngine, useSuiteEngine } from './suite-engine.js';
export { useCaseEngines } from './case-engines.js';
