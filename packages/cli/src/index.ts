export { runCli } from './run.js';
export { buildProgram } from './program.js';
export type { Output } from './output.js';
export { UsageError } from './errors.js';
