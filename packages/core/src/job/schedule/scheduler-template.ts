/**
 * The job a scheduler fires, `{ name, data, opts }`, checked at upsert exactly like queue.add's input
 * (the queue's data schema, job options merged over the queue's defaults), so a bad template is refused
 * before anything is stored and every fired job is one add() would have accepted. Two options are not
 * the template's to set: `jobId` (each tick's id is derived, see tickJobId) and `delay` (the schedule is
 * the delay).
 */
import { z } from 'zod';
import { ValidationError } from '../../errors.js';
import { compileJobOptions, jobOptionsSchema } from '../options.js';
import type { CompiledQueueOptions } from '../queue/queue-options.js';
import { parseOptions } from '../../options/parse-options.js';
import type { SchedulerTemplate } from './scheduler-records.js';

const templateOptsSchema = jobOptionsSchema.omit({ jobId: true, delay: true }).strict();

const templateSchema = z.strictObject({
  name: z.string().min(1).max(512),
  data: z.unknown().optional(),
  opts: templateOptsSchema.optional(),
});

export type SchedulerTemplateInput<Data> = {
  name: string;
  data?: Data;
  opts?: z.input<typeof templateOptsSchema>;
};

export function compileTemplate(
  input: unknown,
  options: CompiledQueueOptions,
  root = 'template',
): SchedulerTemplate {
  const parsed = parseOptions(templateSchema, input, root);
  const data = options.schema ? parseOptions(options.schema, parsed.data, `${root}.data`) : parsed.data;
  try {
    JSON.stringify(data);
  } catch (cause) {
    const message = `${root}.data: must be JSON-serialisable (${cause instanceof Error ? cause.message : String(cause)})`;
    throw new ValidationError(message, [{ path: `${root}.data`, message }]);
  }
  return { name: parsed.name, data, opts: compileJobOptions(parsed.opts ?? {}, options.defaultJobOptions) };
}

/** Scheduler ids go into record keys and job ids: printable, 1-256 characters, no '|'. */
const schedulerIdSchema = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[^|\s\p{Cc}]+$/u, 'must be printable, without spaces or "|"');

export function parseSchedulerId(id: unknown, root = 'id'): string {
  return parseOptions(schedulerIdSchema, id, root);
}

/** The deterministic id of the job fired for `tick`: the DLQ, the events and the dashboard show the tick. */
export function tickJobId(schedulerId: string, tick: number): string {
  return `repeat:${schedulerId}:${tick}`;
}
