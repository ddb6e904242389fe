export { findJob } from './find-job.js';
export {
  type AddedRecord,
  type AttemptView,
  buildJobTimeline,
  type JobState,
  type JobTimeline,
  type TimelineEntry,
} from './job-timeline.js';
export { SCAN_PAGE, scanTopic } from './scan-topic.js';
