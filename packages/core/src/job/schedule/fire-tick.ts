/**
 * Firing one tick of a scheduler, so that the job exists exactly once even if the firing process dies:
 *
 *   1. intent   fired|<id> = { state: 'firing', tick, jobId, partition, scanFrom }
 *   2. produce  the job (id = tickJobId) to `partition` of the queue topic
 *   3. commit   fired|<id> = { state: 'fired', offset }
 *
 * The jobs of one scheduler all go to one partition (hash of its id), so the previous tick's offset bounds
 * where this one can land. A new owner that finds a 'firing' marker (its predecessor died between 1 and 3)
 * calls settleFiring: it scans that partition from scanFrom for the job id (the record key) — found →
 * commit only; missing → produce, then commit. Both engines run this same code through the Engine contract.
 */
import type { Engine } from '../../engine/engine.js';
import { encodeEnvelope, type JobEnvelope } from '../envelope.js';
import type { QueueTopology } from '../topology.js';
import type { BookEntry } from './scheduler-book.js';
import { tickJobId } from './scheduler-template.js';
import { encodeFired, type FiredMarker, type SchedulerDefinition } from './scheduler-records.js';

export interface FireContext {
  engine: Engine;
  topology: QueueTopology;
  /** Who fires (the worker id), recorded in the markers. */
  by: string;
  /** Partition count of the queue topic. */
  partitions: number;
}

/** FNV-1a of the scheduler id: a stable partition for every tick of it. */
export function schedulerPartition(id: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partitions;
}

export async function fireTick(ctx: FireContext, entry: BookEntry, tick: number): Promise<FiredMarker> {
  const { definition, fired } = entry;
  const partition = schedulerPartition(definition.id, ctx.partitions);
  const scanFrom = fired?.partition === partition && fired.offset !== undefined ? fired.offset + 1 : 0;
  const intent: FiredMarker = {
    v: 1,
    id: definition.id,
    version: definition.version,
    state: 'firing',
    tick,
    jobId: tickJobId(definition.id, tick),
    count: (fired?.count ?? 0) + 1,
    partition,
    scanFrom,
    by: ctx.by,
    at: Date.now(),
  };
  await ctx.engine.produce(ctx.topology.schedulersTopic, [encodeFired(definition.id, intent)]);
  return produceAndCommit(ctx, definition, intent);
}

/** Completes a predecessor's 'firing' marker without a second copy of its job. */
export async function settleFiring(
  ctx: FireContext,
  definition: SchedulerDefinition,
  intent: FiredMarker,
): Promise<FiredMarker> {
  const fromOffsets: Record<number, number> = {};
  for (let p = 0; p < ctx.partitions; p++) fromOffsets[p] = Number.MAX_SAFE_INTEGER;
  fromOffsets[intent.partition] = intent.scanFrom;
  const records = await ctx.engine.readTopic(ctx.topology.topic, { fromOffsets });
  const found = records.find(
    (r) => r.partition === intent.partition && r.key?.toString('utf8') === intent.jobId,
  );
  if (!found) return produceAndCommit(ctx, definition, intent);
  const done: FiredMarker = { ...intent, state: 'fired', offset: found.offset, by: ctx.by, at: Date.now() };
  await ctx.engine.produce(ctx.topology.schedulersTopic, [encodeFired(definition.id, done)]);
  return done;
}

async function produceAndCommit(
  ctx: FireContext,
  definition: SchedulerDefinition,
  intent: FiredMarker,
): Promise<FiredMarker> {
  const { template } = definition;
  const envelope: JobEnvelope = {
    v: 1,
    id: intent.jobId,
    name: template.name,
    data: template.data,
    opts: template.opts,
    attemptsMade: 0,
    ts: Date.now(),
  };
  const record = { ...encodeEnvelope(envelope), partition: intent.partition };
  const [produced] = await ctx.engine.produce(ctx.topology.topic, [record]);
  const done: FiredMarker = { ...intent, state: 'fired', at: Date.now() };
  if (produced) done.offset = produced.offset;
  await ctx.engine.produce(ctx.topology.schedulersTopic, [encodeFired(definition.id, done)]);
  return done;
}
