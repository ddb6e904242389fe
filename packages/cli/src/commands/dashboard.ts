import { listenPort } from '@sharq/core';
import { startDashboard } from '@sharq/dashboard';
import type { Command } from 'commander';
import { z } from 'zod';
import { resolveKafka } from '../kafka-connection.js';
import type { CliContext } from '../context.js';
import { flagDefault, parseFlags } from '../parse.js';

const dashboardFlags = z.object({
  brokers: z.string().optional(),
  host: z.string().min(1).default('127.0.0.1'),
  port: z.coerce.number().pipe(listenPort()).default(0),
  /** Also from $SHARQ_DASHBOARD_TOKEN, which keeps it out of `ps` output. */
  token: z.string().min(8).optional(),
  readOnly: z.boolean().default(false),
  queues: z.string().optional(),
  stuckAfter: z.coerce.number().int().min(1).default(60_000),
  metricsPort: z.coerce.number().pipe(listenPort()).optional(),
  metricsHost: z.string().min(1).optional(),
});

/**
 * `sharq dashboard`: serves the dashboard until SIGINT/SIGTERM. The signal handlers live here,
 * in the CLI, never in @sharq/dashboard (the library leaves the process to its owner).
 */
export function registerDashboard(program: Command, ctx: CliContext): void {
  const { output } = ctx;
  program
    .command('dashboard')
    .description('serve the web dashboard: queues, workers, stuck jobs, dead jobs (replay, discard)')
    .addHelpText(
      'after',
      `\nExamples:\n  sharq dashboard --port 8080 --read-only\n  sharq dashboard --port 8080 --metrics-port 9465   # Prometheus scrapes :9465/metrics`,
    )
    .option('--port <n>', 'port to listen on (0 = any free port)', flagDefault(dashboardFlags.shape.port))
    .option(
      '--host <host>',
      'address to bind (keep 127.0.0.1 unless a token protects it)',
      flagDefault(dashboardFlags.shape.host),
    )
    .option('--token <token>', 'sign-in token (default: $SHARQ_DASHBOARD_TOKEN, else a random one)')
    .option('--read-only', 'no replay or discard')
    .option('--queues <list>', 'only these queues (comma separated); default: every sharq.<q> share group')
    .option(
      '--stuck-after <ms>',
      'a job held longer than this is stuck',
      flagDefault(dashboardFlags.shape.stuckAfter),
    )
    .option('--brokers <list>', 'Kafka bootstrap servers')
    .option('--metrics-port <n>', 'also serve /metrics on this port without the token (for Prometheus)')
    .option('--metrics-host <host>', 'address the metrics port binds (default: --host)')
    .action(async (raw: Record<string, unknown>) => {
      const flags = parseFlags(dashboardFlags, { token: process.env.SHARQ_DASHBOARD_TOKEN, ...raw });
      const kafka = await resolveKafka(flags.brokers, ctx);
      const queues = flags.queues
        ?.split(',')
        .map((q) => q.trim())
        .filter((q) => q !== '');
      try {
        const dashboard = await startDashboard({
          connection: { brokers: kafka.brokers },
          host: flags.host,
          port: flags.port,
          readOnly: flags.readOnly,
          stuckAfterMs: flags.stuckAfter,
          ...(flags.token ? { token: flags.token } : {}),
          ...(queues && queues.length > 0 ? { queues } : {}),
          ...(flags.metricsPort !== undefined ? { metricsPort: flags.metricsPort } : {}),
          ...(flags.metricsHost !== undefined ? { metricsHost: flags.metricsHost } : {}),
        });
        output.out(`Sharq dashboard on ${dashboard.url}${dashboard.readOnly ? ' (read-only)' : ''}`);
        if (dashboard.token && !flags.token) output.out(`open (signs you in): ${dashboard.loginUrl}`);
        if (dashboard.metricsUrl) output.out(`Prometheus metrics (no token) on ${dashboard.metricsUrl}`);
        await new Promise<void>((resolve) => {
          const onSignal = (signal: NodeJS.Signals) => {
            process.off('SIGINT', onSignal);
            process.off('SIGTERM', onSignal);
            output.err(`${signal}: closing the dashboard`);
            resolve();
          };
          process.on('SIGINT', onSignal);
          process.on('SIGTERM', onSignal);
        });
        await dashboard.close();
      } finally {
        await kafka.release();
      }
    });
}
