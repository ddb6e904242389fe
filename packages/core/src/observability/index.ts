export { findJob } from './find-job.js';
export {
  type AddedRecord,
  type AttemptView,
  buildJobTimeline,
  deduplicatedDetail,
  type JobState,
  type JobTimeline,
  type TimelineEntry,
} from './job-timeline.js';
export { SCAN_PAGE, scanTopic } from './scan-topic.js';
export { SHARQ_ATTR, type SharqTelemetry, telemetrySchema } from './telemetry.js';
export { type TracedJob, traceAdd } from './trace-add.js';
export {
  formatTraceparent,
  parseTraceparent,
  TRACE_LINK_HEADER,
  TRACEPARENT_HEADER,
} from './trace-context.js';
