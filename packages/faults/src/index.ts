export { account, appendCompletion, readLedger, type Accounting } from './ledger/ledger.js';
export { formatReport, formatTable, type ScenarioReport } from './harness/report.js';
export type { RunOptions } from './harness/scenario.js';
export { SCENARIOS, type Scenario } from './scenarios/index.js';
