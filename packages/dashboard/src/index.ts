export { startDashboard, type Dashboard } from './start-dashboard.js';
export { type DashboardOptions, type CompiledDashboardOptions, dashboardOptionsSchema } from './options.js';
export { HttpError } from './errors.js';
export type { JobLookup } from './api/job-routes.js';
export type { QueueSnapshot } from './data/queue-snapshot.js';
export type { StuckJob, StuckReason } from './data/stuck-jobs.js';
export type { WorkerView } from './data/worker-view.js';
export type { DeadJobRow, DeadJobDetail } from './data/dead-job-view.js';
export type { QueueRates, ActivityItem, MinuteCount } from './data/event-stats.js';
