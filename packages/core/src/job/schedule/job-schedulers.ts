/**
 * The producer-side operations behind queue.upsertJobScheduler / getJobSchedulers / removeJobScheduler.
 * Everything is validated before anything is written; each operation is one record on the schedulers topic.
 */
import { randomUUID } from 'node:crypto';
import type { Engine } from '../../engine/engine.js';
import type { CompiledQueueOptions } from '../queue/queue-options.js';
import type { QueueTopology } from '../topology.js';
import { SchedulerNotFoundError } from './errors.js';
import { compileRepeat } from './repeat.js';
import { SchedulerBook } from './scheduler-book.js';
import { describeScheduler, type JobSchedulerInfo } from './scheduler-info.js';
import { encodeFired, encodeScheduler, type SchedulerDefinition } from './scheduler-records.js';
import { compileTemplate, parseSchedulerId } from './scheduler-template.js';

export async function readSchedulerBook(engine: Engine, topology: QueueTopology): Promise<SchedulerBook> {
  const book = new SchedulerBook();
  for (const record of await engine.readTopic(topology.schedulersTopic)) book.apply(record);
  return book;
}

/** Checks every input (typed ValidationError naming the path) and returns the record to store. */
export function buildSchedulerDefinition(
  options: CompiledQueueOptions,
  input: { id: unknown; repeat: unknown; template: unknown },
  now: number,
): SchedulerDefinition {
  const id = parseSchedulerId(input.id, 'id');
  const repeat = compileRepeat(input.repeat, 'repeat');
  const template = compileTemplate(input.template, options, 'template');
  return { v: 1, id, repeat, template, version: randomUUID(), upsertedAt: now };
}

export async function upsertJobScheduler(
  engine: Engine,
  topology: QueueTopology,
  definition: SchedulerDefinition,
): Promise<JobSchedulerInfo> {
  await engine.produce(topology.schedulersTopic, [encodeScheduler(definition.id, definition)]);
  return describeScheduler({ definition, fired: undefined });
}

export async function getJobSchedulers(engine: Engine, topology: QueueTopology): Promise<JobSchedulerInfo[]> {
  const book = await readSchedulerBook(engine, topology);
  return book.entries().map(describeScheduler);
}

export async function getJobScheduler(
  engine: Engine,
  topology: QueueTopology,
  id: string,
): Promise<JobSchedulerInfo | undefined> {
  const entry = (await readSchedulerBook(engine, topology)).get(id);
  return entry ? describeScheduler(entry) : undefined;
}

/** Tombstones the scheduler and its marker; SchedulerNotFoundError if the queue has no such scheduler. */
export async function removeJobScheduler(
  engine: Engine,
  topology: QueueTopology,
  id: unknown,
): Promise<void> {
  const parsed = parseSchedulerId(id, 'id');
  const book = await readSchedulerBook(engine, topology);
  if (!book.get(parsed)) throw new SchedulerNotFoundError(parsed);
  await engine.produce(topology.schedulersTopic, [encodeScheduler(parsed, null), encodeFired(parsed, null)]);
}
