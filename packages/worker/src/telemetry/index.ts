export { traceJobs } from './job-spans.js';
