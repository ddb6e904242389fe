export { WorkerMetrics, type WorkerMetricsOptions } from './worker-metrics.js';
export type { MetricsServer, MetricsServerOptions } from './metrics-server.js';
export type { WorkerObserver } from './observer.js';
