/**
 * The request dispatcher: Host check first (DNS rebinding), then the page's static files,
 * /metrics (Prometheus, read access like the API), the session routes and the queue API. Every failure becomes a JSON error (respond.ts);
 * nothing is ever answered with an HTML error page or a hung socket.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { handleQueueRoute, type QueueRouteDeps } from '../api/queue-routes.js';
import { handleSessionRoute, type SessionRouteDeps } from '../api/session-routes.js';
import { methodNotAllowed, notFound } from '../errors.js';
import { METRICS_PATH, serveMetrics } from '../metrics/metrics-route.js';
import type { QueueMetrics } from '../metrics/queue-metrics.js';
import type { Guard } from './guard.js';
import { sendError } from './respond.js';
import type { StaticFiles } from './static-files.js';

export interface DispatchDeps {
  guard: Guard;
  files: StaticFiles;
  queues: QueueRouteDeps;
  session: SessionRouteDeps;
  metrics: QueueMetrics;
  logger: Logger | undefined;
}

export function createDispatcher(deps: DispatchDeps) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    dispatch(deps, req, res).catch((error: unknown) => sendError(res, error, deps.logger));
  };
}

async function dispatch(deps: DispatchDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  deps.guard.checkHost(req);
  const url = new URL(req.url ?? '/', 'http://dashboard.invalid');
  const path = url.pathname;
  if (deps.files.has(path)) {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed(['GET']);
    return deps.files.serve(path, res, req.method === 'HEAD');
  }
  if (path === METRICS_PATH) {
    deps.guard.requireRead(req);
    return serveMetrics(deps.metrics, req, res);
  }
  if (path === '/api/session' || path === '/api/login' || path === '/api/logout') {
    return handleSessionRoute(deps.session, path.slice('/api/'.length) as 'session', req, res);
  }
  if (path === '/api/queues' || path.startsWith('/api/queues/')) {
    const rest = path
      .slice('/api/queues'.length)
      .split('/')
      .filter((s) => s !== '');
    let segments: string[];
    try {
      segments = rest.map((s) => decodeURIComponent(s));
    } catch {
      throw notFound('route');
    }
    return handleQueueRoute(deps.queues, req, res, segments, url.searchParams);
  }
  throw notFound(path.startsWith('/api/') ? 'route' : 'page');
}
