export { Worker } from './runtime/worker.js';
export {
  WorkerMetrics,
  type WorkerMetricsOptions,
  type MetricsServer,
  type MetricsServerOptions,
  type WorkerObserver,
} from './metrics/index.js';
export type { WorkerOptions, ResolvedWorkerOptions } from './runtime/options.js';
export type { CloseOptions } from './runtime/close-options.js';
export type { Processor, ProcessorContext } from './runtime/processor.js';
export type { WorkerEvents, FailureOutcome } from './runtime/worker-events.js';
export type { AcquireLimiter, AdmitVerdict } from './runtime/limiter-hook.js';
export {
  RateLimitError,
  RedisLimiter,
  type LimiterLogger,
  type LimiterOptions,
  type RateLimitScope,
} from './limiter/index.js';
export {
  DuplicateDeliveryError,
  LockLostError,
  MalformedJobError,
  NonErrorThrownError,
} from './runtime/errors.js';
export { decideFailure, type FailureFacts, type FailureVerdict } from './runtime/decide-failure.js';
export { UnrecoverableError, type Job, type JobProgress } from '@sharq/core';
