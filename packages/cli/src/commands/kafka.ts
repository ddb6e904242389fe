import {
  DEFAULT_KAFKA_VERSION,
  detachedKafkaStatus,
  kafkaRelease,
  startDetachedKafka,
  stopDetachedKafka,
  TestkitError,
} from '@sharq/testkit';
import type { Command } from 'commander';
import { z } from 'zod';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { parseFlags } from '../parse.js';

const startFlags = z.object({
  port: z.coerce.number().int().min(1).max(65_535).optional(),
  fresh: z.boolean().default(false),
  // Checked by checkedVersion(), whose message names the accepted releases.
  kafkaVersion: z.string().optional(),
});

/** Testkit refusals that are the caller's to fix (exit 2), with the testkit's message naming the fix. */
const USAGE_CODES = new Set(['KAFKA_DATA_VERSION_MISMATCH', 'KAFKA_VERSION_UNSUPPORTED']);

/**
 * `sharq kafka start|stop|status`: a local single-node Kafka for development (the tests' module). Its data
 * (topics, jobs, groups) stays in ~/.sharq/kafka between runs; --fresh starts clean. The folder remembers the
 * release that formatted it, and another release is refused rather than let loose on it.
 */
export function registerKafka(program: Command, ctx: CliContext): void {
  const { output } = ctx;
  const kafka = program
    .command('kafka')
    .description(
      `a local single-node Kafka with share groups, for development (Kafka ${DEFAULT_KAFKA_VERSION}; 4.2 and 4.3 with --kafka-version)`,
    )
    .addHelpText(
      'after',
      '\nExamples:\n  sharq kafka start && export SHARQ_BROKERS=127.0.0.1:<port>\n' +
        '  sharq kafka start --kafka-version 4.3.2 --fresh\n  sharq kafka status --json',
    );
  kafka
    .command('start')
    .description(
      'start (or reuse) the local broker; prints the bootstrap address. Its data (topics, jobs, groups) is kept ' +
        'between runs in $SHARQ_HOME/kafka (default ~/.sharq/kafka); --fresh starts clean',
    )
    .option('--port <port>', 'client port (default: previous port if free, else a free one)')
    .option('--fresh', 'delete the kept data first (topics, jobs, groups) and start clean')
    .option(
      '--kafka-version <x.y.z>',
      `Kafka release to run, 4.2.0 or newer (default $SHARQ_KAFKA_VERSION, else ${DEFAULT_KAFKA_VERSION}); ` +
        'data kept from another release is refused: use that release, or --fresh',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  sharq kafka start                            # Kafka 4.4.0, data kept from the last run\n' +
        '  sharq kafka start --fresh                    # same, without the old topics and groups\n' +
        '  sharq kafka start --kafka-version 4.2.2 --fresh',
    )
    .action(async (raw: unknown) => {
      const flags = parseFlags(startFlags, raw);
      const wanted = flags.kafkaVersion ?? process.env.SHARQ_KAFKA_VERSION;
      const version = wanted === undefined || wanted === '' ? undefined : checkedVersion(wanted);
      const running = await detachedKafkaStatus();
      if (
        running.running &&
        version !== undefined &&
        running.version !== undefined &&
        running.version !== version
      ) {
        throw new UsageError(
          `a local Kafka ${running.version} is already running (pid ${running.pid}); stop it first (sharq kafka stop) to run ${version}`,
        );
      }
      const status = await startDetachedKafka({
        ...(flags.port === undefined ? {} : { port: flags.port }),
        ...(version === undefined ? {} : { version }),
        fresh: flags.fresh,
        log: (line) => output.err(line),
      }).catch((error: unknown) => {
        if (error instanceof TestkitError && USAGE_CODES.has(error.code)) throw new UsageError(error.message);
        throw error;
      });
      output.out(`${label(status.version)} running (pid ${status.pid}); use --brokers ${status.bootstrap}`);
      output.out(`export SHARQ_BROKERS=${status.bootstrap}`);
    });
  kafka
    .command('stop')
    .description('stop the local broker (data is kept for the next start)')
    .action(async () => {
      await stopDetachedKafka();
      output.out('kafka stopped');
    });
  kafka
    .command('status')
    .description('is the local broker running and serving share groups?')
    .option('--json', 'machine-readable output')
    .action(async (raw: { json?: boolean }) => {
      const status = await detachedKafkaStatus();
      if (raw.json) {
        output.out(JSON.stringify(status));
        return;
      }
      if (!status.running) {
        output.out('kafka not running (start it with `sharq kafka start`)');
        return;
      }
      output.out(
        `${label(status.version)} ${status.serving ? 'serving' : 'starting or not answering'} at ${status.bootstrap} (pid ${status.pid}, since ${status.startedAt})`,
      );
    });
}

function label(version: string | undefined): string {
  return version === undefined ? 'kafka' : `kafka ${version}`;
}

/** The release, checked before anything starts (KAFKA_VERSION_UNSUPPORTED becomes a usage error, exit 2). */
function checkedVersion(version: string): string {
  try {
    return kafkaRelease(version).version;
  } catch (error) {
    if (error instanceof TestkitError) throw new UsageError(error.message);
    throw error;
  }
}
