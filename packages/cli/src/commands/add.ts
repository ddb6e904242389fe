import { type JobOptions, jobOptionsSchema, toValidationError } from '@sharq/core';
import type { Command } from 'commander';
import { z } from 'zod';
import { jobFlagsSchema, jobOptionsFromFlags } from '../add/job-flags.js';
import { type JobLine, type LineProblem, readJobFile } from '../add/ndjson.js';
import { UsageError } from '../errors.js';
import type { CliContext } from '../context.js';
import { parseFlags } from '../parse.js';
import { withQueue } from '../queue-session.js';

const CHUNK = 1_000;

const addFlags = jobFlagsSchema.extend({
  brokers: z.string().optional(),
  data: z.string().optional(),
  file: z.string().optional(),
  skipInvalid: z.boolean().default(false),
});

function parseDataFlag(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--data: not JSON (${(error as Error).message})`);
  }
}

/** Per-line opts are checked here, so every bad line is reported at once (not just the first). */
function checkOptions(jobs: JobLine[], base: JobOptions, lineOf: (index: number) => number) {
  const problems: LineProblem[] = [];
  const valid: { name: string; data: unknown; opts: JobOptions; line: number }[] = [];
  jobs.forEach((job, index) => {
    const parsed = jobOptionsSchema.safeParse({ ...base, ...job.opts });
    if (parsed.success)
      valid.push({ name: job.name, data: job.data, opts: parsed.data, line: lineOf(index) });
    else {
      problems.push({ line: lineOf(index), message: toValidationError('opts', parsed.error).message });
    }
  });
  return { valid, problems };
}

export function registerAdd(program: Command, ctx: CliContext): void {
  const { output } = ctx;
  program
    .command('add')
    .description(
      'enqueue one job (--data) or many from an NDJSON file (--file), one {"name","data","opts"} per line',
    )
    .addHelpText(
      'after',
      `\nExamples:\n  sharq add emails welcome --data '{"to":"a@b.c"}' --attempts 5 --backoff exponential:1000\n  sharq add emails welcome --file jobs.ndjson --skip-invalid`,
    )
    .argument('<queue>', 'queue name')
    .argument('[name]', 'job name (default for file lines without one)', 'job')
    .option('--data <json>', 'the job data as JSON')
    .option('--file <path>', 'NDJSON file of jobs')
    .option('--attempts <n>', 'total tries')
    .option('--delay <ms>', 'start no earlier than this many ms from now')
    .option('--backoff <spec>', '<ms> | fixed:<ms> | exponential:<ms> | jitter:<ms>')
    .option('--timeout <ms>', 'abort an attempt after this many ms')
    .option('--job-id <id>', 'job id (single job only)')
    .option(
      '--ordering-key <key>',
      "key-ordered queues (ordering: 'key'): jobs of one key run one at a time in add order",
    )
    .option(
      '--skip-invalid',
      'enqueue the valid lines of a file even if some are invalid (they are still reported)',
    )
    .option('--brokers <list>', 'Kafka bootstrap servers')
    .action(async (queueName: string, name: string, raw: unknown) => {
      const flags = parseFlags(addFlags, raw);
      if ((flags.data === undefined) === (flags.file === undefined))
        throw new UsageError('pass exactly one of --data or --file');
      const base = jobOptionsFromFlags(flags);
      let lines: JobLine[];
      let problems: LineProblem[] = [];
      let lineOf = (index: number) => index + 1;
      if (flags.file !== undefined) {
        if (flags.jobId !== undefined)
          throw new UsageError('--job-id applies to a single job (--data), not a file');
        const parsed = await readJobFile(flags.file, name).catch((error: NodeJS.ErrnoException) => {
          throw new UsageError(`--file: cannot read ${flags.file} (${error.code ?? error.message})`);
        });
        lines = parsed.jobs;
        problems = parsed.problems;
        const lineNumbers = parsed.lineNumbers;
        lineOf = (index) => lineNumbers[index] ?? index + 1;
      } else {
        lines = [{ name, data: parseDataFlag(flags.data ?? ''), opts: undefined }];
      }
      const checked = checkOptions(lines, base, lineOf);
      problems = [...problems, ...checked.problems].sort((a, b) => a.line - b.line);
      for (const problem of problems) output.err(`line ${problem.line}: ${problem.message}`);
      if (problems.length > 0 && !flags.skipInvalid) {
        throw new UsageError(
          `${problems.length} invalid line(s); nothing was enqueued (fix them or pass --skip-invalid)`,
        );
      }
      const jobs = checked.valid;
      await withQueue(queueName, flags.brokers, ctx, async (queue) => {
        let done = 0;
        for (let start = 0; start < jobs.length; start += CHUNK) {
          const chunk = jobs.slice(start, start + CHUNK);
          const added = await queue.addBulk(
            chunk.map(({ name: n, data, opts }) => ({ name: n, data, opts })),
          );
          done += added.length;
          output.progress(`added ${done}/${jobs.length} ${bar(done / jobs.length)}`);
          if (jobs.length === 1 && added[0]) output.out(`added job ${added[0].id} to ${queueName}`);
        }
        output.progress('');
        if (jobs.length !== 1)
          output.out(
            `added ${done} jobs to ${queueName}${problems.length ? `; skipped ${problems.length} invalid line(s)` : ''}`,
          );
      });
    });
}

function bar(fraction: number): string {
  const width = 30;
  const filled = Math.round(fraction * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}
