/**
 * startDashboard: serve the dashboard (page + JSON API) for the queues on one Kafka cluster.
 *
 *   const dashboard = await startDashboard({ connection: { brokers: ['127.0.0.1:9092'] } });
 *   console.log(dashboard.loginUrl);   // opens signed in (the token travels in the #fragment)
 *   await dashboard.close();
 *
 * No signal handling here: the caller (e.g. `sharq dashboard`) owns the process.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { acquireEngine, Cluster } from '@sharq/core';
import { QueueRegistry } from './data/queue-registry.js';
import { Guard, isLoopback } from './http/guard.js';
import { createDispatcher } from './http/server.js';
import { StaticFiles } from './http/static-files.js';
import { DeadOperations } from './data/dead-operations.js';
import { QueueMetrics } from './metrics/queue-metrics.js';
import { type ScrapeServer, startScrapeServer } from './metrics/scrape-server.js';
import { compileDashboardOptions, type DashboardOptions } from './options.js';

export interface Dashboard {
  /** http://host:port (no token). */
  url: string;
  /** The URL that signs the browser in: url + '/#token=…' (the fragment never reaches a server log). */
  loginUrl: string;
  /** The token in force (given, or generated when none was given and mutations are allowed). */
  token: string | undefined;
  readOnly: boolean;
  /** The scrape port's URL (http://host:port/metrics, no token) when `metricsPort` was given. */
  metricsUrl: string | undefined;
  close(): Promise<void>;
}

export async function startDashboard(input: DashboardOptions): Promise<Dashboard> {
  const options = compileDashboardOptions(input);
  const token = options.token ?? (options.readOnly ? undefined : randomBytes(18).toString('base64url'));
  const guard = new Guard({ token, readOnly: options.readOnly, loopbackOnly: isLoopback(options.host) });
  const { logger } = options;
  const conn = options.connection;
  const cluster = new Cluster({
    brokers: [...conn.brokers],
    clientId: conn.clientId ?? 'sharq-dashboard',
    ...(conn.ssl ? { ssl: conn.ssl } : {}),
    ...(conn.sasl ? { sasl: conn.sasl } : {}),
    ...(conn.requestTimeoutMs ? { requestTimeoutMs: conn.requestTimeoutMs } : {}),
    ...(conn.connectTimeoutMs ? { connectTimeoutMs: conn.connectTimeoutMs } : {}),
  });
  const lease = acquireEngine(conn);
  let server: Server | undefined;
  let scrape: ScrapeServer | undefined;
  try {
    await cluster.connect();
    let metrics: QueueMetrics | undefined;
    const registry = new QueueRegistry({
      engine: lease.engine,
      cluster,
      prefix: options.prefix,
      queues: options.queues,
      stuckAfterMs: options.stuckAfterMs,
      refreshMs: options.refreshMs,
      onEvent: (queue, event) => metrics?.onEvent(queue, event),
    });
    metrics = new QueueMetrics(registry, (queue, err) =>
      logger?.warn({ queue, err }, 'metrics: could not read the queue'),
    );
    const dispatch = createDispatcher({
      guard,
      files: new StaticFiles(),
      logger,
      session: {
        guard,
        bodyLimitBytes: options.bodyLimitBytes,
        refreshMs: options.refreshMs,
        stuckAfterMs: options.stuckAfterMs,
      },
      queues: {
        registry,
        engine: lease.engine,
        guard,
        bodyLimitBytes: options.bodyLimitBytes,
        logger,
        deadMaxAgeMs: Math.max(250, options.refreshMs / 2),
        streamIntervalMs: options.refreshMs,
        operations: new DeadOperations(),
      },
      metrics,
    });
    const listening = createServer(dispatch);
    server = listening;
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(options.port, options.host, () => {
        listening.off('error', reject);
        resolve();
      });
    });
    if (options.metricsPort !== undefined) {
      scrape = await startScrapeServer(
        metrics,
        { host: options.metricsHost ?? options.host, port: options.metricsPort },
        logger,
      );
    }
  } catch (error) {
    const opened = server;
    if (opened) opened.close();
    await Promise.allSettled([cluster.close(), lease.release()]);
    throw error;
  }
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  const running = server;
  let closing: Promise<void> | undefined;
  return {
    url,
    loginUrl: token ? `${url}/#token=${encodeURIComponent(token)}` : `${url}/`,
    token,
    readOnly: options.readOnly,
    metricsUrl: scrape?.url,
    close() {
      closing ??= (async () => {
        await scrape?.close();
        await new Promise<void>((resolve) => {
          running.close(() => resolve());
          running.closeAllConnections();
        });
        await Promise.allSettled([cluster.close(), lease.release()]);
      })();
      return closing;
    },
  };
}
