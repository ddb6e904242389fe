/**
 * The scrape port (`metricsPort`): /metrics alone, without the token, for a Prometheus that should not
 * hold the dashboard's token. It shows counts and rates only: no job data, no action.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { notFound } from '../errors.js';
import { sendError } from '../http/respond.js';
import { METRICS_PATH, serveMetrics } from './metrics-route.js';
import type { QueueMetrics } from './queue-metrics.js';

export interface ScrapeServer {
  url: string;
  close(): Promise<void>;
}

export async function startScrapeServer(
  metrics: QueueMetrics,
  listen: { host: string; port: number },
  logger: Logger | undefined,
): Promise<ScrapeServer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://scrape.invalid').pathname;
    const answer =
      path === METRICS_PATH ? serveMetrics(metrics, req, res) : Promise.reject(notFound('route'));
    answer.catch((error: unknown) => sendError(res, error, logger));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}${METRICS_PATH}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
