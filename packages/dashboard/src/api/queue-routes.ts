/**
 * The queue API. Reads: overview, one queue, dead jobs (paged, filtered), one dead job.
 * Actions: replay / purge dead jobs — the same core functions `sharq dlq replay|purge` reach
 * through Queue (replayDeadJobs / purgeDeadJobs), called on the engine without provisioning.
 *
 *   GET  /api/queues                          every queue, summarised
 *   GET  /api/queues/:q                       QueueSnapshot
 *   GET  /api/queues/:q/dead?page&limit&name&reason&by&text
 *   GET  /api/queues/:q/dead/:id
 *   GET  /api/queues/:q/jobs/:id              a job's timeline (job-routes.ts)
 *   GET  /api/queues/:q/stream                QueueSnapshot pushed as server-sent events (live/snapshot-stream.ts)
 *   POST /api/queues/:q/dead/replay           { ids } | { filter } | { all: true }
 *   POST /api/queues/:q/dead/purge            { ids } | { filter } | { all: true }
 *        …/dead/replay|purge?background=1     202 + an operation to follow:
 *   GET  /api/queues/:q/operations/:id        its state and progress (data/dead-operations.ts)
 *   …/schedulers, …/pause, …/resume          control-routes.ts
 *   GET  /api/queues/:q/blocked-keys          key-ordered queues: blocked keys (ordering-routes.ts)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type DeadJobTarget,
  type Engine,
  getDeadJob,
  parseOptions,
  purgeDeadJobs,
  replayDeadJobs,
} from '@sharq/core';
import type { Logger } from 'pino';
import { HttpError, methodNotAllowed, notFound } from '../errors.js';
import { type DeadJobRow, toDeadJobDetail } from '../data/dead-job-view.js';
import type { QueueRegistry } from '../data/queue-registry.js';
import { handleControlRoute, isControlArea } from './control-routes.js';
import { streamSnapshots } from '../live/snapshot-stream.js';
import type { DeadOperations, OperationProgress } from '../data/dead-operations.js';
import { lookUpJob } from './job-routes.js';
import { BLOCKED_KEYS_AREA, handleBlockedKeysRoute } from './ordering-routes.js';
import { summariseQueues } from './overview.js';
import { readJsonBody } from '../http/body.js';
import type { Guard } from '../http/guard.js';
import { errorResponse, sendJson } from '../http/respond.js';
import { type DeadJobTargetBody, deadJobTargetSchema, deadListQuerySchema } from './schemas.js';

/** The answer of GET /api/queues/:q/dead (the page's views.js reads it). */
export interface DeadJobPage {
  jobs: DeadJobRow[];
  total: number;
  page: number;
  limit: number;
}

export interface QueueRouteDeps {
  registry: QueueRegistry;
  engine: Engine;
  guard: Guard;
  bodyLimitBytes: number;
  logger: Logger | undefined;
  /** How stale the DLQ index may be for a list request (half the page's refresh period). */
  deadMaxAgeMs: number;
  /** How often the live stream pushes a changed snapshot (the page's refresh period). */
  streamIntervalMs: number;
  /** Background replays and purges (`?background=1`). */
  operations: DeadOperations;
}

const toTarget = (body: DeadJobTargetBody): DeadJobTarget =>
  'ids' in body ? body.ids : 'filter' in body ? { filter: body.filter } : { all: true };

/** segments = the path after /api/queues, decoded. */
export async function handleQueueRoute(
  deps: QueueRouteDeps,
  req: IncomingMessage,
  res: ServerResponse,
  segments: readonly string[],
  query: URLSearchParams,
): Promise<void> {
  const method = req.method ?? 'GET';
  const [queueName, area, id, extra] = segments;
  const isRead = method === 'GET' || method === 'HEAD';

  if (queueName === undefined) {
    if (!isRead) throw methodNotAllowed(['GET']);
    deps.guard.requireRead(req);
    const names = await deps.registry.names();
    const summaries = await summariseQueues(
      names,
      (name) => deps.registry.get(name),
      (error) => errorResponse(error, deps.logger).body.error,
    );
    return sendJson(res, 200, { queues: summaries, at: Date.now() });
  }

  if (area === undefined) {
    if (!isRead) throw methodNotAllowed(['GET']);
    deps.guard.requireRead(req);
    const queue = await deps.registry.get(queueName);
    return sendJson(res, 200, await queue.snapshotter.snapshot());
  }

  if (isControlArea(area)) return handleControlRoute(deps, req, res, queueName, area, id);
  if (area === BLOCKED_KEYS_AREA) return handleBlockedKeysRoute(deps, req, res, queueName, id);
  if (area === 'stream' && id === undefined) {
    if (!isRead) throw methodNotAllowed(['GET']);
    deps.guard.requireRead(req);
    const queue = await deps.registry.get(queueName);
    return streamSnapshots(queue, req, res, deps.streamIntervalMs, deps.logger);
  }

  if (area === 'operations' && id !== undefined && extra === undefined) {
    if (!isRead) throw methodNotAllowed(['GET']);
    deps.guard.requireRead(req);
    const operation = deps.operations.get(queueName, id);
    if (!operation) throw new HttpError(404, 'OPERATION_NOT_FOUND', `no operation ${id} on ${queueName}`);
    return sendJson(res, 200, operation);
  }

  if (area === 'jobs' && id !== undefined && extra === undefined) {
    if (!isRead) throw methodNotAllowed(['GET']);
    deps.guard.requireRead(req);
    return sendJson(res, 200, await lookUpJob(deps.engine, await deps.registry.get(queueName), id));
  }

  if (area !== 'dead' || extra !== undefined) throw notFound('route');

  if (id === 'replay' || id === 'purge') {
    if (method !== 'POST') throw methodNotAllowed(['POST']);
    deps.guard.requireMutation(req);
    const body = await readJsonBody(req, deadJobTargetSchema, deps.bodyLimitBytes);
    const queue = await deps.registry.get(queueName);
    const target = toTarget(body);
    const run = (onProgress?: (progress: OperationProgress) => void) =>
      id === 'replay'
        ? replayDeadJobs(deps.engine, queue.topology, target, onProgress ? { onProgress } : {})
        : purgeDeadJobs(deps.engine, queue.topology, target);
    const settled = () => {
      queue.snapshotter.invalidate();
      queue.dead.invalidate();
    };
    if (query.get('background') === '1') {
      // Large replays take seconds: answer at once, the page follows GET …/operations/:id.
      const operation = deps.operations.start(queueName, id, run, deps.logger, () => {
        settled();
        deps.logger?.info({ queue: queueName, action: id, target: body, operation }, 'dashboard action');
      });
      return sendJson(res, 202, operation);
    }
    const result = await run();
    settled();
    deps.logger?.info({ queue: queueName, action: id, target: body, result }, 'dashboard action');
    return sendJson(res, 200, result);
  }

  if (!isRead) throw methodNotAllowed(['GET']);
  deps.guard.requireRead(req);
  const queue = await deps.registry.get(queueName);

  if (id === undefined) {
    const q = parseOptions(deadListQuerySchema, Object.fromEntries(query), 'query');
    const filter = {
      ...(q.name ? { name: q.name } : {}),
      ...(q.reason ? { reason: q.reason } : {}),
      ...(q.by ? { by: q.by } : {}),
      ...(q.text ? { text: q.text } : {}),
    };
    // From the queue's DeadJobIndex: only what was appended since its last catch-up is read, at most
    // once per refresh period however many pages and filters are asked for.
    await queue.dead.refresh(deps.deadMaxAgeMs);
    const page = queue.dead.list({
      limit: q.limit,
      skip: (q.page - 1) * q.limit,
      ...(Object.keys(filter).length > 0 ? { filter } : {}),
    });
    const view: DeadJobPage = { jobs: page.jobs, total: page.total, page: q.page, limit: q.limit };
    return sendJson(res, 200, view);
  }

  await queue.dead.refresh(deps.deadMaxAgeMs);
  const job = (await queue.dead.get(id)) ?? (await getDeadJob(deps.engine, queue.topology, id));
  if (!job) throw new HttpError(404, 'DEAD_JOB_NOT_FOUND', `no dead job ${id} in ${queueName}`);
  return sendJson(res, 200, toDeadJobDetail(job));
}
