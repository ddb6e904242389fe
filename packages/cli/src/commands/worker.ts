import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { SharqError, isSharqOwnErrorCode, lockDurationMs } from '@sharq/core';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { z } from 'zod';
import { resolveKafka } from '../kafka-connection.js';
import type { CliContext } from '../context.js';
import { flagDefault, parseFlags } from '../parse.js';
import { loadProcessor } from '../supervisor/load-processor.js';
import { DEFAULT_RESTART_POLICY } from '../supervisor/restart-policy.js';
import { Supervisor } from '../supervisor/supervisor.js';

const workerFlags = z.object({
  queue: z.string().min(1),
  concurrency: z.coerce.number().int().min(1).max(10_000).default(1),
  processes: z.coerce.number().int().min(1).max(256).default(1),
  grace: z.coerce.number().min(0).max(3_600).default(30),
  lockDuration: z.coerce.number().pipe(lockDurationMs()).default(30_000),
  isolation: z.enum(['thread', 'none']).default('thread'),
  ordering: z.enum(['share', 'key']).default('share'),
  threads: z.coerce.number().int().min(1).max(1_024).optional(),
  brokers: z.string().optional(),
  metricsPort: z.coerce.number().int().min(1).max(65_535).optional(),
  metricsHost: z.string().min(1).optional(),
});

/**
 * `sharq worker <file> --queue q`: a supervisor and N worker processes. The only place Sharq
 * installs signal handlers: SIGTERM/SIGINT → every child closes within --grace seconds, then is killed.
 */
export function registerWorker(program: Command, ctx: CliContext): void {
  const { output } = ctx;
  program
    .command('worker')
    .description('run worker processes for a queue with a processor module (default export or `process`)')
    .addHelpText(
      'after',
      `\nExamples:\n  sharq worker ./processor.mjs --queue emails --processes 3 --concurrency 50\n  sharq worker ./processor.mjs --queue emails --processes 2 --metrics-port 9464   # :9464 and :9465\n  sharq worker ./processor.mjs --queue orders --processes 4 --ordering key         # a key-ordered queue`,
    )
    .argument('<processor-file>', 'JS module exporting the processor')
    .requiredOption('--queue <name>', 'queue to work on')
    .option('--concurrency <n>', 'jobs at once per process', flagDefault(workerFlags.shape.concurrency))
    .option(
      '--processes <n>',
      'worker processes (each its own share-group member)',
      flagDefault(workerFlags.shape.processes),
    )
    .option('--grace <seconds>', 'graceful shutdown budget', flagDefault(workerFlags.shape.grace))
    .option(
      '--lock-duration <ms>',
      "acquisition lock = the job's visibility timeout (renewed while it runs)",
      flagDefault(workerFlags.shape.lockDuration),
    )
    .option(
      '--isolation <mode>',
      'thread: processors run in worker threads so CPU-bound jobs cannot stall lock renewal; none: inline',
      flagDefault(workerFlags.shape.isolation),
    )
    .option(
      '--threads <n>',
      'processor threads per process (default: min(concurrency, cores)); each runs up to concurrency/threads jobs at once',
    )
    .option(
      '--ordering <mode>',
      "share: jobs in any order (share group); key: a key-ordered queue (Queue option ordering: 'key'), jobs of one orderingKey one at a time in add order",
      'share',
    )
    .option('--brokers <list>', 'Kafka bootstrap servers')
    .option(
      '--metrics-port <n>',
      'serve Prometheus metrics at http://<metrics-host>:<n + process index>/metrics (one port per process)',
    )
    .option('--metrics-host <host>', 'address the metrics ports bind (default 127.0.0.1)')
    .action(async (processorFile: string, raw: unknown) => {
      const flags = parseFlags(workerFlags, raw);
      // Fail fast (exit 2) on a processor file that cannot work, before forking anything.
      await loadProcessor(processorFile);
      const kafka = await resolveKafka(flags.brokers, ctx);
      const threads = flags.threads ?? Math.max(1, Math.min(flags.concurrency, availableParallelism()));
      const childScript = fileURLToPath(new URL('../supervisor/child.js', import.meta.url));
      const supervisor = new Supervisor(
        childScript,
        (index) => ({
          processorFile,
          queue: flags.queue,
          brokers: kafka.brokers,
          concurrency: flags.concurrency,
          lockDurationMs: flags.lockDuration,
          isolation: flags.isolation,
          threads,
          ordering: flags.ordering,
          index,
          ...(flags.metricsPort !== undefined ? { metricsPort: flags.metricsPort } : {}),
          ...(flags.metricsHost !== undefined ? { metricsHost: flags.metricsHost } : {}),
        }),
        flags.processes,
        DEFAULT_RESTART_POLICY,
      );
      const log = ctx.logger();
      supervisor.on('ready', (index, workerId, metricsUrl) =>
        log.info(
          `worker process ${index} ready (${workerId})${metricsUrl ? `, metrics on ${metricsUrl}` : ''}`,
        ),
      );
      supervisor.on('crashed', (index, exit, delay) =>
        log.warn(
          `worker process ${index} exited (${exit.signal ?? `code ${exit.code}`}); restarting in ${(delay / 1000).toFixed(1)} s`,
        ),
      );
      let fatal: { code: string; message: string } | undefined;
      const stopped = new Promise<void>((resolve) => {
        let stopping = false;
        supervisor.on('fatal', (index, failure) => {
          output.err(
            `worker process ${index} failed before it was ready [${failure.code}]: ${failure.message}`,
          );
          if (stopping) return;
          stopping = true;
          fatal = failure;
          void supervisor.stop(0).then(resolve);
        });
        const onSignal = (signal: NodeJS.Signals) => {
          if (stopping) return;
          stopping = true;
          log.info(`${signal}: closing ${flags.processes} worker process(es) (grace ${flags.grace} s)…`);
          void supervisor.stop(flags.grace * 1000).then(resolve);
        };
        process.once('SIGTERM', onSignal);
        process.once('SIGINT', onSignal);
      });
      output.err(
        `supervising ${flags.processes} worker process(es) × concurrency ${flags.concurrency} on ${flags.queue}`,
      );
      supervisor.start();
      await stopped;
      await kafka.release();
      if (fatal) {
        const usage = fatal.code === 'USAGE' || fatal.code === 'VALIDATION';
        if (usage) throw new UsageError(fatal.message);
        // A child's non-Sharq failure arrives under its Error name (e.g. TypeError): keep it in the message.
        throw isSharqOwnErrorCode(fatal.code)
          ? new SharqError(fatal.code, fatal.message)
          : new SharqError('UNKNOWN', `${fatal.code}: ${fatal.message}`);
      }
      const totals = supervisor.totals();
      output.out(`stopped: ${totals.completed} completed, ${totals.failed} failed attempts`);
    });
}
