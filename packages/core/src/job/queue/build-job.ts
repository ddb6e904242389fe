/**
 * add()/addBulk() input → envelope + routed record, or a ValidationError naming the path.
 * Everything is checked and encoded here, before anything is produced, so one bad item in
 * addBulk enqueues nothing.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ValidationError } from '../../errors.js';
import { routeDelayed, type Routed } from '../delay/delay-route.js';
import { encodeEnvelope, type JobEnvelope } from '../envelope.js';
import { compileJobOptions, jobOptionsSchema } from '../options.js';
import type { QueueTopology } from '../topology.js';
import { parseOptions } from '../../options/parse-options.js';
import type { CompiledQueueOptions } from './queue-options.js';
import { claimKey } from '../dedup/dedup-records.js';
import type { DedupClaimOptions } from '../options.js';
import { levelOf } from '../priority/levels.js';

const jobNameSchema = z.string().min(1).max(512);

export interface BuiltJob {
  envelope: JobEnvelope;
  routed: Routed;
}

export function buildJob(
  topology: QueueTopology,
  options: CompiledQueueOptions,
  input: { name: unknown; data: unknown; opts?: unknown },
  root: string,
  now: number,
): BuiltJob {
  const at = (field: string) => (root === '' ? field : `${root}.${field}`);
  const name =
    typeof input.name === 'string' && input.name.length > 0 && input.name.length <= 512
      ? input.name
      : parseOptions(jobNameSchema, input.name, at('name'));
  // Most jobs carry no options: skip the parse (addBulk of 100k jobs pays it 100k times).
  const opts = input.opts === undefined ? {} : parseOptions(jobOptionsSchema, input.opts, at('opts'));
  const data = options.schema ? parseOptions(options.schema, input.data, at('data')) : input.data;
  const compiled = compileJobOptions(opts, options.defaultJobOptions);
  const id = opts.jobId ?? randomUUID();
  const dedup = dedupClaimFor(opts, options, id);
  if (dedup) compiled.dedup = dedup;
  if (opts.priority !== undefined) {
    if (options.priorities === undefined) {
      const message = `${at('opts.priority')}: the queue has no priority levels (queue option priorities)`;
      throw new ValidationError(message, [{ path: at('opts.priority'), message }]);
    }
    compiled.priority = opts.priority;
    const level = levelOf(opts.priority, options.priorities);
    if (level !== undefined) compiled.level = level;
  }
  if (opts.orderingKey !== undefined) {
    if (options.ordering !== 'key') {
      const message = `${at('opts.orderingKey')}: the queue is not key-ordered (queue option ordering: 'key')`;
      throw new ValidationError(message, [{ path: at('opts.orderingKey'), message }]);
    }
    compiled.orderingKey = opts.orderingKey;
  }
  const envelope: JobEnvelope = {
    v: 1,
    id,
    name,
    data,
    opts: compiled,
    attemptsMade: 0,
    ts: now,
  };
  if (compiled.delay) envelope.dueAt = now + compiled.delay;
  let record: ReturnType<typeof encodeEnvelope>;
  try {
    record = encodeEnvelope(envelope);
  } catch (cause) {
    const message = `${at('data')}: must be JSON-serialisable (${cause instanceof Error ? cause.message : String(cause)})`;
    throw new ValidationError(message, [{ path: at('data'), message }]);
  }
  return { envelope, routed: routeDelayed(topology, record, envelope.dueAt ?? now, now) };
}

/** The claim this add must win before it is enqueued: `deduplication.id` first, else the jobId if enabled. */
function dedupClaimFor(
  opts: z.output<typeof jobOptionsSchema>,
  options: CompiledQueueOptions,
  id: string,
): DedupClaimOptions | undefined {
  if (opts.deduplication) {
    const claim: DedupClaimOptions = { key: claimKey('dedup', opts.deduplication.id), token: randomUUID() };
    if (opts.deduplication.ttl !== undefined) claim.ttl = opts.deduplication.ttl;
    return claim;
  }
  if (opts.jobId !== undefined && options.deduplicateJobIds)
    return { key: claimKey('job', id), token: randomUUID() };
  return undefined;
}
