import { Command } from 'commander';
import { registerAdd } from './commands/add.js';
import { registerDashboard } from './commands/dashboard.js';
import { registerDemo } from './commands/demo.js';
import { registerDlq } from './commands/dlq.js';
import { registerJob } from './commands/job.js';
import { registerKafka } from './commands/kafka.js';
import { registerSchedule } from './commands/schedule.js';
import { registerStatus } from './commands/status.js';
import { registerWorker } from './commands/worker.js';
import { LOG_LEVELS, loadConfigFile } from './config.js';
import type { CliContext, GlobalSettings } from './context.js';
import { UsageError } from './errors.js';
import { createCliLogger } from './logger.js';
import type { Output } from './output.js';

const EXIT_CODES = `
Exit codes: 0 ok, 1 failure, 2 bad usage (bad flag, config or input; the message names it).
Configuration: flags > environment (SHARQ_BROKERS, SHARQ_CONFIG, SHARQ_DASHBOARD_TOKEN) > sharq.config.json
  e.g. {"brokers": ["127.0.0.1:9092"], "logLevel": "info"}`;

/** The `sharq` command tree. Built per invocation so tests can run commands in-process. */
export function buildProgram(output: Output): Command {
  const settings: GlobalSettings = { configPath: undefined, logLevel: undefined };
  let logger: ReturnType<typeof createCliLogger> | undefined;
  const ctx: CliContext = {
    output,
    settings,
    logger: () => {
      logger ??= createCliLogger(settings.logLevel ?? loadConfigFile(settings).logLevel ?? 'info', output);
      return logger;
    },
  };
  const program = new Command('sharq')
    .description('Sharq: a task queue on Apache Kafka share groups (KIP-932)')
    .version('0.1.0')
    .option('--config <path>', 'config file (default ./sharq.config.json if present)')
    .option('--log-level <level>', `${LOG_LEVELS.join(' | ')} (default info)`)
    .addHelpText('after', EXIT_CODES)
    .showHelpAfterError()
    .exitOverride()
    .hook('preAction', (root) => {
      const globals = root.opts<{ config?: string; logLevel?: string }>();
      if (globals.logLevel !== undefined && !(LOG_LEVELS as readonly string[]).includes(globals.logLevel)) {
        throw new UsageError(
          `--log-level: expected one of ${LOG_LEVELS.join(', ')}, got "${globals.logLevel}"`,
        );
      }
      settings.configPath = globals.config;
      settings.logLevel = globals.logLevel;
      loadConfigFile(settings); // a bad config file fails every command up front, with exit code 2
    });
  registerDemo(program, ctx);
  registerKafka(program, ctx);
  registerAdd(program, ctx);
  registerStatus(program, ctx);
  registerDlq(program, ctx);
  registerJob(program, ctx);
  registerSchedule(program, ctx);
  registerWorker(program, ctx);
  registerDashboard(program, ctx);
  return program;
}
