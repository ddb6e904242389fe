/**
 * The queue control API: job schedulers (read) and the queue-wide pause (read + pause/resume actions).
 * Reads never create anything: a queue whose schedulers or control topic does not exist yet simply has
 * no schedulers and is not paused. pause/resume go through the core function Queue.pause() uses
 * (setQueuePaused), guarded like every mutation (token, CSRF, refused in read-only mode).
 *
 *   GET  /api/queues/:q/schedulers   { paused, schedulers: [{ id, repeat, template, next, count, lastFired }] }
 *   POST /api/queues/:q/pause        {} → { paused: true }
 *   POST /api/queues/:q/resume       {} → { paused: false }
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type Engine,
  getJobSchedulers,
  type QueueTopology,
  readPauseState,
  setQueuePaused,
} from '@sharq/core';
import { z } from 'zod';
import { methodNotAllowed, notFound } from '../errors.js';
import { readJsonBody } from '../http/body.js';
import { sendJson } from '../http/respond.js';
import type { QueueRouteDeps } from './queue-routes.js';

export const CONTROL_AREAS = ['schedulers', 'pause', 'resume'] as const;
export type ControlArea = (typeof CONTROL_AREAS)[number];

export function isControlArea(area: string | undefined): area is ControlArea {
  return (CONTROL_AREAS as readonly string[]).includes(area ?? '');
}

const emptyBody = z.strictObject({});

export async function handleControlRoute(
  deps: QueueRouteDeps,
  req: IncomingMessage,
  res: ServerResponse,
  queueName: string,
  area: ControlArea,
  extra: string | undefined,
): Promise<void> {
  if (extra !== undefined) throw notFound('route');
  const method = req.method ?? 'GET';
  if (area === 'schedulers') {
    if (method !== 'GET' && method !== 'HEAD') throw methodNotAllowed(['GET']);
    deps.guard.requireRead(req);
    const queue = await deps.registry.get(queueName);
    return sendJson(res, 200, await readControl(deps.engine, queue.topology));
  }
  if (method !== 'POST') throw methodNotAllowed(['POST']);
  deps.guard.requireMutation(req);
  await readJsonBody(req, emptyBody, deps.bodyLimitBytes);
  const queue = await deps.registry.get(queueName);
  const paused = area === 'pause';
  const { eventError } = await setQueuePaused(deps.engine, queue.topology, paused, 'dashboard');
  if (eventError) deps.logger?.warn({ err: eventError, queue: queueName }, 'pause event not written');
  deps.logger?.info({ queue: queueName, action: area }, 'dashboard action');
  return sendJson(res, 200, { paused });
}

/** The answer of GET /api/queues/:q/schedulers (the page's schedulers.js reads it). */
export type QueueControlView = Awaited<ReturnType<typeof readControl>>;

async function readControl(engine: Engine, topology: QueueTopology) {
  const [hasSchedulers, hasControl] = await Promise.all([
    engine.partitionCount(topology.schedulersTopic),
    engine.partitionCount(topology.controlTopic),
  ]);
  const [schedulers, pause] = await Promise.all([
    hasSchedulers === undefined ? [] : getJobSchedulers(engine, topology),
    hasControl === undefined ? undefined : readPauseState(engine, topology),
  ]);
  return { paused: pause?.state?.paused ?? false, pausedAt: pause?.state?.at, schedulers, at: Date.now() };
}
