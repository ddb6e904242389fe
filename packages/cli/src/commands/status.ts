import { QueueCounter, readQueueOrdering } from '@sharq/core';
import type { Command } from 'commander';
import { z } from 'zod';
import type { CliContext } from '../context.js';
import { flagDefault, parseFlags } from '../parse.js';
import { withQueueView } from '../queue-view.js';
import { type QueueStatus, sampleQueueStatus } from '../status/queue-status.js';
import { renderQueueStatus } from '../status/render-status.js';

const statusFlags = z.object({
  brokers: z.string().optional(),
  json: z.boolean().default(false),
  watch: z.boolean().default(false),
  interval: z.coerce.number().int().min(250).max(60_000).default(2_000),
  /** How many refreshes in --watch mode (0 = until interrupted); lets scripts and tests bound it. */
  iterations: z.coerce.number().int().min(0).default(0),
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function registerStatus(program: Command, ctx: CliContext): void {
  const { output } = ctx;
  program
    .command('status')
    .description('waiting (lag), active, delayed, dead, rates, partitions and live workers of a queue')
    .addHelpText('after', `\nExamples:\n  sharq status emails --watch\n  sharq status emails --json`)
    .argument('<queue>', 'queue name')
    .option('--watch', 'refresh until interrupted')
    .option('--interval <ms>', 'refresh interval / rate window', flagDefault(statusFlags.shape.interval))
    .option(
      '--iterations <n>',
      'stop --watch after n refreshes (0 = never)',
      flagDefault(statusFlags.shape.iterations),
    )
    .option('--json', 'one JSON object per refresh')
    .option('--brokers <list>', 'Kafka bootstrap servers')
    .action(async (queueName: string, raw: unknown) => {
      const flags = parseFlags(statusFlags, raw);
      await withQueueView(queueName, flags.brokers, ctx, async (view) => {
        const ordering = (await readQueueOrdering(view.engine, view.topology)) ? 'key' : 'share';
        const counter = new QueueCounter(view.engine, view.topology, { ordering });
        let previous: QueueStatus = await sampleQueueStatus(view, counter);
        await sleep(Math.min(flags.interval, 1_000));
        for (let round = 1; ; round++) {
          const current = await sampleQueueStatus(view, counter, previous);
          if (flags.json) output.out(JSON.stringify(current));
          else {
            if (flags.watch && process.stdout.isTTY) output.out('\u001b[2J\u001b[H');
            output.out(renderQueueStatus(current));
          }
          previous = current;
          if (!flags.watch || (flags.iterations > 0 && round >= flags.iterations)) return;
          await sleep(flags.interval);
        }
      });
    });
}
