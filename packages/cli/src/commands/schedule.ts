import {
  type JobSchedulerInfo,
  type Queue,
  type RepeatOptions,
  SchedulerNotFoundError,
  type SchedulerTemplateInput,
} from '@sharq/core';
import type { Command } from 'commander';
import { z } from 'zod';
import { parseBackoff } from '../add/job-flags.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { formatTable } from '../output.js';
import { parseFlags } from '../parse.js';
import { withQueue } from '../queue-session.js';

/**
 * `sharq schedule list|add|remove <queue> …` (job schedulers) and `sharq pause|resume <queue>` (the
 * queue-wide pause). Both act on an existing queue only: a typo must not create one.
 */

const listFlags = z.object({ brokers: z.string().optional(), json: z.boolean().default(false) });

const addFlags = z.object({
  brokers: z.string().optional(),
  every: z.coerce.number().optional(),
  cron: z.string().optional(),
  tz: z.string().optional(),
  start: z.string().optional(),
  end: z.string().optional(),
  limit: z.coerce.number().optional(),
  name: z.string().optional(),
  data: z.string().optional(),
  attempts: z.coerce.number().optional(),
  backoff: z.string().optional(),
  timeout: z.coerce.number().optional(),
});

async function existingQueue<T>(
  queueName: string,
  brokers: string | undefined,
  ctx: CliContext,
  action: (queue: Queue) => Promise<T>,
): Promise<T> {
  return withQueue(queueName, brokers, ctx, async (queue) => {
    if ((await queue.engine.partitionCount(queue.topology.topic)) === undefined) {
      throw new UsageError(`unknown queue "${queueName}": topic ${queue.topology.topic} does not exist`);
    }
    return action(queue);
  });
}

function repeatOf(flags: z.output<typeof addFlags>): RepeatOptions {
  if ((flags.every === undefined) === (flags.cron === undefined))
    throw new UsageError('pass exactly one of --every <ms> or --cron <pattern>');
  if (flags.tz !== undefined && flags.cron === undefined) throw new UsageError('--tz applies to --cron only');
  const bounds = {
    ...(flags.start === undefined ? {} : { startDate: flags.start }),
    ...(flags.end === undefined ? {} : { endDate: flags.end }),
    ...(flags.limit === undefined ? {} : { limit: flags.limit }),
  };
  if (flags.every !== undefined) return { every: flags.every, ...bounds };
  return { pattern: flags.cron ?? '', ...(flags.tz === undefined ? {} : { tz: flags.tz }), ...bounds };
}

function templateOf(id: string, flags: z.output<typeof addFlags>): SchedulerTemplateInput<unknown> {
  let data: unknown;
  if (flags.data !== undefined) {
    try {
      data = JSON.parse(flags.data);
    } catch (error) {
      throw new UsageError(`--data: not JSON (${(error as Error).message})`);
    }
  }
  return {
    name: flags.name ?? id,
    data,
    opts: {
      ...(flags.attempts === undefined ? {} : { attempts: flags.attempts }),
      ...(flags.timeout === undefined ? {} : { timeout: flags.timeout }),
      ...(flags.backoff === undefined ? {} : { backoff: parseBackoff(flags.backoff) }),
    },
  };
}

function describeRepeat(info: JobSchedulerInfo): string {
  const { repeat } = info;
  const base = 'every' in repeat ? `every ${repeat.every} ms` : `cron "${repeat.pattern}" ${repeat.tz}`;
  return repeat.limit === undefined ? base : `${base}, limit ${repeat.limit}`;
}

const iso = (ms: number | undefined) => (ms === undefined ? '-' : new Date(ms).toISOString());

export function registerSchedule(program: Command, ctx: CliContext): void {
  const { output } = ctx;
  const schedule = program
    .command('schedule')
    .description("list, add and remove a queue's job schedulers (repeatable jobs)")
    .addHelpText(
      'after',
      `\nExamples:\n  sharq schedule add reports nightly --cron "0 2 * * *" --tz Europe/Paris --name report --data '{"kind":"sales"}'\n  sharq schedule add emails digest --every 60000\n  sharq schedule list reports\n  sharq schedule remove reports nightly`,
    );

  schedule
    .command('list')
    .argument('<queue>')
    .option('--json', 'JSON output')
    .option('--brokers <list>', 'Kafka bootstrap servers')
    .description('schedulers with their next run and last fired job')
    .action(async (queueName: string, raw: unknown) => {
      const flags = parseFlags(listFlags, raw);
      await existingQueue(queueName, flags.brokers, ctx, async (queue) => {
        const list = await queue.getJobSchedulers();
        if (flags.json) return output.out(JSON.stringify(list));
        output.out(`${list.length} scheduler(s) in ${queueName}`);
        if (list.length === 0) return;
        output.out(
          formatTable([
            ['id', 'repeat', 'job name', 'next run', 'fired', 'last job'],
            ...list.map((info) => [
              info.id,
              describeRepeat(info),
              info.template.name,
              iso(info.next),
              String(info.count),
              info.lastFired?.jobId ?? '-',
            ]),
          ]),
        );
      });
    });

  schedule
    .command('add')
    .argument('<queue>')
    .argument('<id>', 'scheduler id (adding an existing id replaces it)')
    .option('--every <ms>', 'fire every this many ms')
    .option('--cron <pattern>', 'cron pattern (5 fields, or 6 with seconds first)')
    .option('--tz <zone>', 'IANA time zone of --cron (default UTC)')
    .option('--start <iso>', 'no run before this date')
    .option('--end <iso>', 'no run after this date')
    .option('--limit <n>', 'fire at most this many jobs')
    .option('--name <name>', 'job name (default: the scheduler id)')
    .option('--data <json>', 'job data as JSON')
    .option('--attempts <n>', 'total tries of each job')
    .option('--backoff <spec>', '<ms> | fixed:<ms> | exponential:<ms> | jitter:<ms>')
    .option('--timeout <ms>', 'abort an attempt after this many ms')
    .option('--brokers <list>', 'Kafka bootstrap servers')
    .description('create or replace a job scheduler')
    .action(async (queueName: string, id: string, raw: unknown) => {
      const flags = parseFlags(addFlags, raw);
      const repeat = repeatOf(flags);
      const template = templateOf(id, flags);
      await existingQueue(queueName, flags.brokers, ctx, async (queue) => {
        const info = await queue.upsertJobScheduler(id, repeat, template);
        output.out(
          `scheduler ${info.id} on ${queueName}: ${describeRepeat(info)}, next run ${iso(info.next)}`,
        );
      });
    });

  schedule
    .command('remove')
    .argument('<queue>')
    .argument('<id>')
    .option('--brokers <list>', 'Kafka bootstrap servers')
    .description('remove a job scheduler (jobs it fired stay)')
    .action(async (queueName: string, id: string, raw: { brokers?: string }) => {
      await existingQueue(queueName, raw.brokers, ctx, async (queue) => {
        try {
          await queue.removeJobScheduler(id);
        } catch (error) {
          if (error instanceof SchedulerNotFoundError)
            throw new UsageError(`no scheduler "${id}" in ${queueName}`);
          throw error;
        }
        output.out(`removed scheduler ${id} from ${queueName}`);
      });
    });

  for (const [verb, paused] of [
    ['pause', true],
    ['resume', false],
  ] as const) {
    program
      .command(verb)
      .argument('<queue>')
      .option('--brokers <list>', 'Kafka bootstrap servers')
      .description(
        paused
          ? 'pause a queue: every worker, in every process, stops starting jobs within a second (durable; add still works)'
          : 'resume a paused queue',
      )
      .addHelpText('after', `\nExample:\n  sharq ${verb} emails`)
      .action(async (queueName: string, raw: { brokers?: string }) => {
        await existingQueue(queueName, raw.brokers, ctx, async (queue) => {
          if (paused) await queue.pause('cli');
          else await queue.resume('cli');
          output.out(`${queueName} ${paused ? 'paused' : 'resumed'}`);
        });
      });
  }
}
