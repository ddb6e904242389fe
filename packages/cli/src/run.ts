import { CommanderError } from 'commander';
import { SharqError, ValidationError } from '@sharq/core';
import { UsageError } from './errors.js';
import type { Output } from './output.js';
import { buildProgram } from './program.js';

/**
 * Runs one CLI invocation and returns its exit code: 0 ok, 1 runtime failure, 2 bad usage.
 * Errors are printed with their stable code, never as a raw stack (unless SHARQ_DEBUG is set).
 */
export async function runCli(argv: readonly string[], output: Output): Promise<number> {
  try {
    await buildProgram(output).parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ||
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version'
        ? 0
        : 2;
    }
    const usage = error instanceof UsageError || error instanceof ValidationError;
    if (error instanceof SharqError) {
      output.err(`sharq: error [${error.code}]: ${error.message}`);
    } else if (error instanceof Error) {
      output.err(`sharq: error: ${error.message}`);
    } else {
      output.err(`sharq: error: ${String(error)}`);
    }
    if (process.env.SHARQ_DEBUG && error instanceof Error && error.stack) output.err(error.stack);
    return usage ? 2 : 1;
  }
}
