/**
 * Reading the DLQ: every record of the DLQ topic as a DeadJob, with the state markers applied
 * (purged ones hidden, replayed ones flagged). Newest first: by failedAt, then DLQ offset.
 * Reads the whole DLQ topic per call; DLQs are meant to stay small (purge what you handled).
 */
import type { Engine } from '../../engine/engine.js';
import type { QueueTopology } from '../topology.js';
import { type DeadJob, toDeadJob } from './dead-job.js';
import type { DeadJobReason } from './dlq-headers.js';
import { type DlqKeyState, readDlqState } from './dlq-state.js';

export interface DeadJobFilter {
  /** Exact job name. */
  name?: string;
  reason?: DeadJobReason;
  by?: 'worker' | 'broker';
  /** Case-insensitive substring of job id, name, error message or JSON data. */
  text?: string;
}

export interface ListDeadJobsOptions {
  limit?: number;
  /** Entries to skip (paging: page n → skip n·limit). */
  skip?: number;
  filter?: DeadJobFilter;
  /** Include jobs already replayed (default false). */
  includeReplayed?: boolean;
}

export interface DeadJobPage {
  jobs: DeadJob[];
  /** Matching entries in total (before skip/limit). */
  total: number;
}

export interface DeadJobSnapshot {
  jobs: DeadJob[];
  states: Map<string, DlqKeyState>;
}

/** All DLQ entries (not purged), newest first, with their state. */
export async function loadDeadJobs(engine: Engine, topology: QueueTopology): Promise<DeadJobSnapshot> {
  const [records, states] = await Promise.all([
    engine.readTopic(topology.dlqTopic),
    readDlqState(engine, topology),
  ]);
  const jobs: DeadJob[] = [];
  for (const record of records) {
    const job = toDeadJob(record);
    const state = states.get(job.id)?.state;
    if (state === 'purged') continue;
    if (state) job.state = state;
    jobs.push(job);
  }
  jobs.sort(
    (a, b) => b.failedAt - a.failedAt || b.dlq.offset - a.dlq.offset || b.dlq.partition - a.dlq.partition,
  );
  return { jobs, states };
}

export function matchesFilter(job: DeadJob, filter: DeadJobFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.name !== undefined && job.name !== filter.name) return false;
  if (filter.reason !== undefined && job.reason !== filter.reason) return false;
  if (filter.by !== undefined && job.by !== filter.by) return false;
  if (filter.text !== undefined && filter.text !== '') {
    const needle = filter.text.toLowerCase();
    const haystack = [job.jobId ?? '', job.name ?? '', job.error.message, safeJson(job.data)]
      .join('\n')
      .toLowerCase();
    if (!haystack.includes(needle)) return false;
  }
  return true;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

export async function listDeadJobs(
  engine: Engine,
  topology: QueueTopology,
  options: ListDeadJobsOptions = {},
): Promise<DeadJobPage> {
  const { jobs } = await loadDeadJobs(engine, topology);
  const matching = jobs.filter(
    (job) => (options.includeReplayed || job.state !== 'replayed') && matchesFilter(job, options.filter),
  );
  const skip = Math.max(0, options.skip ?? 0);
  const limit = Math.max(0, options.limit ?? 50);
  return { jobs: matching.slice(skip, skip + limit), total: matching.length };
}

export async function getDeadJob(
  engine: Engine,
  topology: QueueTopology,
  id: string,
): Promise<DeadJob | undefined> {
  const { jobs } = await loadDeadJobs(engine, topology);
  return jobs.find((job) => job.id === id);
}

/** Dead (not replayed) entries: what getCounts reports. */
export async function countDeadJobs(engine: Engine, topology: QueueTopology): Promise<number> {
  const { jobs } = await loadDeadJobs(engine, topology);
  return jobs.filter((job) => job.state !== 'replayed').length;
}
