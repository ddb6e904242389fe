import { detachedKafkaStatus, startDetachedKafka, stopDetachedKafka } from '@sharq/testkit';
import type { Command } from 'commander';
import { z } from 'zod';
import type { CliContext } from '../context.js';
import { parseFlags } from '../parse.js';

const startFlags = z.object({
  port: z.coerce.number().int().min(1).max(65_535).optional(),
  fresh: z.boolean().default(false),
});

/** `sharq kafka start|stop|status`: a local single-node Kafka 4.4 for development (the tests' module). */
export function registerKafka(program: Command, ctx: CliContext): void {
  const { output } = ctx;
  const kafka = program
    .command('kafka')
    .description('a local single-node Kafka 4.4 with share groups, for development')
    .addHelpText(
      'after',
      `\nExamples:\n  sharq kafka start && export SHARQ_BROKERS=127.0.0.1:<port>\n  sharq kafka status --json`,
    );
  kafka
    .command('start')
    .description('start (or reuse) the local broker; prints the bootstrap address')
    .option('--port <port>', 'client port (default: previous port if free, else a free one)')
    .option('--fresh', 'wipe topics and groups first')
    .action(async (raw: unknown) => {
      const flags = parseFlags(startFlags, raw);
      const status = await startDetachedKafka({
        ...(flags.port === undefined ? {} : { port: flags.port }),
        fresh: flags.fresh,
        log: (line) => output.err(line),
      });
      output.out(`kafka running (pid ${status.pid}); use --brokers ${status.bootstrap}`);
      output.out(`export SHARQ_BROKERS=${status.bootstrap}`);
    });
  kafka
    .command('stop')
    .description('stop the local broker (data is kept)')
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
        `kafka ${status.serving ? 'serving' : 'starting or not answering'} at ${status.bootstrap} (pid ${status.pid}, since ${status.startedAt})`,
      );
    });
}
