import { Command } from 'commander';
import { registerAdd } from './commands/add.js';
import { registerDashboard } from './commands/dashboard.js';
import { registerDemo } from './commands/demo.js';
import { registerDlq } from './commands/dlq.js';
import { registerKafka } from './commands/kafka.js';
import { registerStatus } from './commands/status.js';
import { registerWorker } from './commands/worker.js';
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
  registerAdd(program, output);
  registerStatus(program, output);
  registerDlq(program, output);
  registerWorker(program, output);
  registerDashboard(program, output);
  return program;
}
