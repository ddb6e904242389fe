import {
  DEAD_JOB_REASONS,
  type DeadJob,
  type DeadJobFilter,
  type DeadJobTarget,
  getDeadJob,
  listDeadJobs,
  purgeDeadJobs,
  replayDeadJobs,
} from '@sharq/core';
import type { Command } from 'commander';
import { z } from 'zod';
import { UsageError } from '../errors.js';
import type { CliContext } from '../context.js';
import { formatTable } from '../output.js';
import { flagDefault, parseFlags } from '../parse.js';
import { toDeadJobJson } from '../dlq/dead-job-json.js';
import { withQueueView } from '../queue-view.js';

const filterFlags = z.object({
  brokers: z.string().optional(),
  name: z.string().optional(),
  reason: z.enum(DEAD_JOB_REASONS).optional(),
  text: z.string().optional(),
  json: z.boolean().default(false),
});

const listFlags = filterFlags.extend({
  limit: z.coerce.number().int().min(1).max(10_000).default(20),
  page: z.coerce.number().int().min(1).default(1),
});

const selectFlags = filterFlags.extend({ all: z.boolean().default(false), yes: z.boolean().default(false) });

function filterOf(flags: z.output<typeof filterFlags>): DeadJobFilter | undefined {
  const filter: DeadJobFilter = {};
  if (flags.name !== undefined) filter.name = flags.name;
  if (flags.reason !== undefined) filter.reason = flags.reason;
  if (flags.text !== undefined) filter.text = flags.text;
  return Object.keys(filter).length > 0 ? filter : undefined;
}

/** ids, or a filter, or --all: exactly one way of choosing. */
function targetOf(ids: string[], flags: z.output<typeof selectFlags>): DeadJobTarget {
  const filter = filterOf(flags);
  const ways = [ids.length > 0, filter !== undefined, flags.all].filter(Boolean).length;
  if (ways !== 1)
    throw new UsageError(
      'choose dead jobs by id(s), by a filter (--name/--reason/--text), or --all — exactly one',
    );
  if (ids.length > 0) return ids;
  return filter ? { filter } : { all: true };
}

function row(job: DeadJob): string[] {
  return [
    job.id,
    job.jobId ?? '-',
    job.name ?? '-',
    job.reason,
    job.by,
    String(job.attempts ?? '-'),
    new Date(job.failedAt).toISOString(),
    job.error.message.replace(/\s+/g, ' ').slice(0, 60),
  ];
}

function withFilterOptions(command: Command): Command {
  return command
    .option('--name <name>', 'only jobs with this name')
    .option(
      '--reason <reason>',
      'failed | unrecoverable | malformed | timeout | rejected | delivery-limit | broker',
    )
    .option('--text <text>', 'substring of id, name, error or data')
    .option('--json', 'JSON output')
    .option('--brokers <list>', 'Kafka bootstrap servers');
}

export function registerDlq(program: Command, ctx: CliContext): void {
  const { output } = ctx;
  const dlq = program
    .command('dlq')
    .description("inspect, replay and purge a queue's dead-letter queue")
    .addHelpText(
      'after',
      `\nExamples:\n  sharq dlq list emails --reason failed\n  sharq dlq show emails 0:42\n  sharq dlq replay emails --name welcome\n  sharq dlq purge emails --all --yes`,
    );

  withFilterOptions(dlq.command('list').argument('<queue>').description('dead jobs, newest first'))
    .option('--limit <n>', 'page size', flagDefault(listFlags.shape.limit))
    .option('--page <n>', 'page number, from 1', flagDefault(listFlags.shape.page))
    .action(async (queueName: string, raw: unknown) => {
      const flags = parseFlags(listFlags, raw);
      await withQueueView(queueName, flags.brokers, ctx, async ({ engine, topology }) => {
        const filter = filterOf(flags);
        const page = await listDeadJobs(engine, topology, {
          limit: flags.limit,
          skip: (flags.page - 1) * flags.limit,
          ...(filter ? { filter } : {}),
        });
        if (flags.json) return output.out(JSON.stringify({ ...page, jobs: page.jobs.map(toDeadJobJson) }));
        output.out(`${page.total} dead job(s) in ${queueName}; page ${flags.page}`);
        if (page.jobs.length > 0) {
          output.out(
            formatTable([
              ['dead id', 'job id', 'name', 'reason', 'by', 'attempts', 'died at', 'error'],
              ...page.jobs.map(row),
            ]),
          );
        }
      });
    });

  dlq
    .command('show')
    .argument('<queue>')
    .argument('<dead-id>', 'the id shown by `dlq list` (partition:offset)')
    .option('--brokers <list>', 'Kafka bootstrap servers')
    .description('one dead job in full: data, error, stack, attempts, origin')
    .action(async (queueName: string, id: string, raw: { brokers?: string }) => {
      await withQueueView(queueName, raw.brokers, ctx, async ({ engine, topology }) => {
        const job = await getDeadJob(engine, topology, id);
        if (!job) throw new UsageError(`no dead job ${id} in ${queueName}`);
        const { envelope, ...shown } = toDeadJobJson(job);
        // For a human reader the undecodable value is also given as text.
        const rawValue = envelope ? undefined : job.value?.toString('utf8');
        output.out(JSON.stringify({ ...shown, rawValue }, null, 2));
      });
    });

  withFilterOptions(
    dlq
      .command('replay')
      .argument('<queue>')
      .argument('[dead-ids...]')
      .description('put dead jobs back on the queue (attempts reset)'),
  )
    .option('--all', 'every dead job')
    .action(async (queueName: string, ids: string[], raw: unknown) => {
      const flags = parseFlags(selectFlags, raw);
      const target = targetOf(ids, flags);
      await withQueueView(queueName, flags.brokers, ctx, async ({ engine, topology }) => {
        const result = await replayDeadJobs(engine, topology, target);
        if (flags.json) return output.out(JSON.stringify(result));
        output.out(
          `replayed ${result.replayed.length} job(s)${result.recovered.length ? ` (${result.recovered.length} finished from an interrupted replay)` : ''}`,
        );
        for (const skipped of result.skipped) output.err(`skipped ${skipped.id}: ${skipped.reason}`);
      });
    });

  withFilterOptions(
    dlq
      .command('purge')
      .argument('<queue>')
      .argument('[dead-ids...]')
      .description('delete dead jobs for good'),
  )
    .option('--all', 'every dead job')
    .option('--yes', 'do not ask for confirmation (scripts)')
    .action(async (queueName: string, ids: string[], raw: unknown) => {
      const flags = parseFlags(selectFlags, raw);
      const target = targetOf(ids, flags);
      if (!flags.yes) {
        if (!process.stdin.isTTY)
          throw new UsageError('purge needs confirmation: pass --yes when not on a terminal');
        const confirmed = await confirm(`purge dead jobs of ${queueName}? type "yes": `);
        if (!confirmed) throw new UsageError('purge cancelled; nothing was deleted');
      }
      await withQueueView(queueName, flags.brokers, ctx, async ({ engine, topology }) => {
        const result = await purgeDeadJobs(engine, topology, target);
        output.out(`purged ${result.purged} dead job(s)`);
      });
    });
}

async function confirm(question: string): Promise<boolean> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(question)).trim() === 'yes';
  } finally {
    rl.close();
  }
}
