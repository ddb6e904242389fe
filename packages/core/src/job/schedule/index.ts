export { SchedulerNotFoundError } from './errors.js';
export { getJobSchedulers, readSchedulerBook } from './job-schedulers.js';
export { type CompiledRepeat, compileRepeat, latestDueTick, nextTick, type RepeatOptions } from './repeat.js';
export { type BookEntry, SchedulerBook } from './scheduler-book.js';
export type { JobSchedulerInfo } from './scheduler-info.js';
export type {
  FiredMarker,
  LeaseRecord,
  SchedulerDefinition,
  SchedulerTemplate,
} from './scheduler-records.js';
export { SchedulerRunner, type SchedulerRunnerOptions } from './scheduler-runner.js';
export { type SchedulerTemplateInput, tickJobId } from './scheduler-template.js';
export { schedulersTopicSpec } from './schedulers-topic.js';
