export { computeBackoff, registerBackoffStrategy, type BackoffStrategy } from './backoff.js';
export { DelayForwarder, type DelayForwarderOptions } from './delay/delay-forwarder.js';
export {
  DUE_AT_HEADER,
  FORWARD_AT_HEADER,
  pickBucket,
  readDelaySchedule,
  routeDelayed,
  type DelaySchedule,
} from './delay/delay-route.js';
export { DeadLetterWriter, deadLetterRecord, type DeadLetterInput } from './dlq/dead-letter-writer.js';
export { toDeadJob, deadJobId, type DeadJob, type DeadJobState } from './dlq/dead-job.js';
export {
  DEAD_JOB_REASONS,
  DLQ_HEADER,
  type DeadJobReason,
  type DeadReason,
  WORKER_DEAD_REASONS,
} from './dlq/dlq-headers.js';
export {
  ENVELOPE_VERSION,
  REPLAY_HEADER,
  decodeEnvelope,
  encodeEnvelope,
  type DecodeResult,
  type JobEnvelope,
  type ReplayMarker,
} from './envelope.js';
export { JobFailedError, UnknownBackoffStrategyError, UnrecoverableError } from './errors.js';
export { EventPublisher, type EventPublisherOptions } from './events/event-publisher.js';
export { encodeCompactBatch, UnserialisableEventError } from './events/compact-batch.js';
export {
  decodeJobEvent,
  decodeJobEvents,
  encodeJobEvent,
  encodeJobEventBatch,
  jobEventJson,
  type ActiveEvent,
  type CompletedEvent,
  type DeadEvent,
  type DeduplicatedEvent,
  type DelayedEvent,
  type FailedEvent,
  type JobEvent,
  type JobEventType,
  type LogEvent,
  type PausedEvent,
  type ResumedEvent,
  type ProgressEvent,
} from './events/job-event.js';
export {
  type ArgsOf,
  type EventArgs,
  type EventMap,
  TypedEmitter,
  reportUnheardError,
} from '../emitter/index.js';
export { Job, type FinishedWaiter, type JobHooks, type JobInit, type JobProgress } from './job.js';
export {
  MAX_DELAY_MS,
  compileJobOptions,
  defaultJobOptionsSchema,
  jobOptionsSchema,
  normaliseBackoff,
  type BackoffInput,
  type BackoffOptions,
  type CompiledJobOptions,
  type DefaultJobOptions,
  type JobOptions,
} from './options.js';
export {
  decodePresence,
  encodePresence,
  encodePresenceTombstone,
  type PresenceBlockedKey,
  type PresenceJob,
  type PresenceRecord,
} from './presence/presence.js';
export { readPresence, type LiveWorker, type ReadPresenceOptions } from './presence/read-presence.js';
export { ProduceBatcher, type ProduceBatcherOptions } from './produce-batcher.js';
export { provisionQueue, type ProvisionResult, type QueueSettings } from './provision.js';
export { enqueueRetry, retryEnvelope, type RetryPlan } from './retry.js';
export {
  DEFAULT_PREFIX,
  DELAY_BUCKETS_MS,
  assertQueueName,
  queueTopology,
  type DelayBucket,
  type QueueTopology,
} from './topology.js';
export {
  type DlqKeyState,
  type DlqMarker,
  type IntentMarker,
  intentKey,
  DlqStateLog,
  readDlqState,
  type SettledMarker,
} from './dlq/dlq-state.js';
export {
  countDeadJobs,
  getDeadJob,
  listDeadJobs,
  loadDeadJobs,
  matchesFilter,
  type DeadJobFilter,
  type DeadJobPage,
  type DeadJobSnapshot,
  type ListDeadJobsOptions,
} from './dlq/list-dead-jobs.js';
export { purgeDeadJobs, type PurgeResult } from './dlq/purge-dead-jobs.js';
export {
  DEFAULT_MAX_DEAD_ENTRIES,
  DeadJobIndex,
  type DeadJobEntry,
  toDeadJobEntry,
  type DeadJobIndexListOptions,
  type DeadJobIndexPage,
} from './dlq/dead-job-index.js';
export {
  replayDeadJobs,
  replayedEnvelope,
  type DeadJobTarget,
  type ReplayOptions,
  type ReplayResult,
} from './dlq/replay-dead-jobs.js';
export {
  QueueEvents,
  type CompletedPayload,
  type FailedPayload,
  type ProgressPayload,
  type QueueEventsListener,
  type QueueEventsOptions,
} from './events/queue-events.js';
export {
  type PriorityCounts,
  QueueCounter,
  type QueueCounterOptions,
  type QueueCounts,
} from './queue/get-counts.js';
export { type CompiledQueueOptions, type QueueOptions, queueOptionsSchema } from './queue/queue-options.js';
export { Queue, type BulkJob, type QueueListener } from './queue/queue.js';
export * from './control/index.js';
export * from './schedule/index.js';
export * from './dedup/index.js';
export * from './priority/index.js';
export * from './ordering/index.js';
