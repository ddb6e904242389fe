/**
 * Key-ordered queues on the dashboard: which keys are blocked, and by which job. Read only; creates nothing.
 *
 *   GET /api/queues/:q/blocked-keys   { ordering: 'share' | 'key', keys: [{ key, jobId, workerId, partition,
 *                                     offset, state: 'running' | 'retrying', attempt, retryAt?, waiting,
 *                                     since }], at }
 *
 * `ordering` is the mode recorded on the queue's control topic (core ordering/ordering-mode.ts); the keys
 * come from the live workers' presence records (each publishes its top 50 by records waiting), most
 * records waiting first. A share-group queue has none.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type BlockedKey, listBlockedKeys, readQueueOrdering } from '@sharq/core';
import { methodNotAllowed, notFound } from '../errors.js';
import { sendJson } from '../http/respond.js';
import type { QueueRouteDeps } from './queue-routes.js';

export const BLOCKED_KEYS_AREA = 'blocked-keys';

/** The answer of GET /api/queues/:q/blocked-keys (the page's blocked-keys.js reads it). */
export interface BlockedKeysView {
  ordering: 'share' | 'key';
  keys: BlockedKey[];
  at: number;
}

export async function handleBlockedKeysRoute(
  deps: QueueRouteDeps,
  req: IncomingMessage,
  res: ServerResponse,
  queueName: string,
  extra: string | undefined,
): Promise<void> {
  if (extra !== undefined) throw notFound('route');
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') throw methodNotAllowed(['GET']);
  deps.guard.requireRead(req);
  const { topology } = await deps.registry.get(queueName);
  const recorded = await readQueueOrdering(deps.engine, topology);
  const keys = recorded ? await listBlockedKeys(deps.engine, topology) : [];
  const view: BlockedKeysView = { ordering: recorded ? 'key' : 'share', keys, at: Date.now() };
  return sendJson(res, 200, view);
}
