import { packageTestConfig } from '../../vitest.shared.js';

// Fault scenarios kill processes, stop brokers and measure recovery: they run one file at a time (two cores,
// and a scenario's own JVMs must not compete with another's).
export default packageTestConfig({ maxWorkers: 1, fileParallelism: false, integrationTestTimeout: 300_000 });
