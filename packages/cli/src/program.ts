import { Command } from 'commander';
import { registerDemo } from './commands/demo.js';
import { registerKafka } from './commands/kafka.js';
import type { Output } from './output.js';

/** The `sharq` command tree. Built per invocation so tests can run commands in-process. */
export function buildProgram(output: Output): Command {
  const program = new Command('sharq')
    .description('Sharq: a task queue on Apache Kafka share groups (KIP-932)')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  registerDemo(program, output);
  registerKafka(program, output);
  return program;
}
