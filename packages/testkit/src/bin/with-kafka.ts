#!/usr/bin/env node
/**
 * with-kafka <command> [args...]: starts the test services once (a local Kafka broker unless
 * SHARQ_KAFKA_BROKERS is set; Redis if nothing answers), runs the command with SHARQ_KAFKA_BROKERS set,
 * stops what it started and exits with the command's exit code. The root `npm test` runs turbo under it,
 * so every package's integration tests share one broker.
 */
import { spawn } from 'node:child_process';
import { startTestServices } from '../services/test-services.js';

const log = (line: string) => process.stderr.write(`[with-kafka] ${line}\n`);
const [command, ...args] = process.argv.slice(2);
if (command === undefined) {
  log('usage: with-kafka <command> [args...]');
  process.exit(2);
}

let services: Awaited<ReturnType<typeof startTestServices>>;
try {
  services = await startTestServices({ log });
} catch (error) {
  // A setup failure (no Java, no broker, no Redis) is a message for a human, not a stack trace.
  log(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  process.exit(1);
}
const child = spawn(command, args, { stdio: 'inherit', env: process.env });
// Ctrl-C in a terminal reaches the command directly (same process group): ignore SIGINT here and let the
// command wind down. SIGTERM/SIGHUP (CI cancelling the job) are passed on. Either way we stop the broker.
process.on('SIGINT', () => {});
for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => child.kill(signal));
}
const exitCode = await new Promise<number>((resolve) => {
  child.on('error', (error) => {
    log(`could not run ${command}: ${error.message}`);
    resolve(127);
  });
  child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 + signalNumber(signal) : 1)));
});
await services.stop();
process.exit(exitCode);

function signalNumber(signal: NodeJS.Signals): number {
  return signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : signal === 'SIGKILL' ? 9 : 1;
}
