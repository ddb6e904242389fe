import { findJob } from '@sharq/core';
import type { Command } from 'commander';
import { z } from 'zod';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { renderTimeline } from '../job/render-timeline.js';
import { parseFlags } from '../parse.js';
import { withQueueView } from '../queue-view.js';

const jobFlags = z.object({
  brokers: z.string().optional(),
  json: z.boolean().default(false),
});

/**
 * `sharq job <queue> <id>`: one job's timeline — added, each attempt with its worker and error, completed
 * or dead — from the queue's events topic (and its record, for a job that never started). One pass over
 * the events topic: seconds on a large queue; the dashboard answers recent jobs from an index.
 */
export function registerJob(program: Command, ctx: CliContext): void {
  const { output } = ctx;
  program
    .command('job')
    .description("a job's timeline by id: added, attempts (worker, error), completed or dead")
    .addHelpText('after', `\nExamples:\n  sharq job emails 5f0c…\n  sharq job emails order-42 --json`)
    .argument('<queue>', 'queue name')
    .argument('<id>', 'job id')
    .option('--json', 'the timeline as one JSON object')
    .option('--brokers <list>', 'Kafka bootstrap servers')
    .action(async (queueName: string, id: string, raw: unknown) => {
      const flags = parseFlags(jobFlags, raw);
      await withQueueView(queueName, flags.brokers, ctx, async (view) => {
        const timeline = await findJob(view.engine, view.topology, id);
        if (!timeline)
          throw new UsageError(`no job ${id} in ${queueName} (no event and no record has this id)`);
        output.out(flags.json ? JSON.stringify(timeline) : renderTimeline(queueName, timeline));
      });
    });
}
