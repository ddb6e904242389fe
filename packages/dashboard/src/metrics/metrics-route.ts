/** GET /metrics: the Prometheus text format (QueueMetrics). Auth is the caller's: the API's guard, or none on the scrape port. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { methodNotAllowed } from '../errors.js';
import type { QueueMetrics } from './queue-metrics.js';

export const METRICS_PATH = '/metrics';

export async function serveMetrics(
  metrics: QueueMetrics,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed(['GET']);
  const text = await metrics.render();
  res.writeHead(200, {
    'content-type': metrics.contentType,
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : text);
}
