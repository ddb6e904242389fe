/**
 * DeadJobIndex: listing, filtering and paging a large DLQ without reading the DLQ topic per request.
 *
 *   refresh()  reads only what was appended since the last refresh — DLQ records (in pages of
 *              READ_PAGE) and state markers (DlqStateLog) — and drops entries a purge truncated away
 *              (one 1-record read per partition finds each partition's first offset).
 *   list()     filters and pages the in-memory entries: no broker read.
 *   get(id)    reads that one record (the entry says where it is).
 *
 * An entry keeps what lists and filters need, not the record: ids, name, reason, who, attempts, when,
 * the error's first ERROR_CHARS characters and a lower-cased search text of at most SEARCH_CHARS (job
 * id, name, error, then the data's JSON). So the text filter sees the start of the data only. Memory is
 * bounded by maxEntries (default 250,000; bench `dlq-scale` measured ~700 B of heap per entry, so ~170 MB
 * at the bound); past it the oldest entries are dropped and `dropped` says how many.
 */
import type { Engine, StoredRecord } from '../../engine/engine.js';
import type { QueueTopology } from '../topology.js';
import { type DeadJob, type DeadJobState, toDeadJob } from './dead-job.js';
import { DlqStateLog } from './dlq-state.js';
import type { DeadJobFilter } from './list-dead-jobs.js';

const READ_PAGE = 5_000;
const ERROR_CHARS = 200;
const SEARCH_CHARS = 512;
export const DEFAULT_MAX_DEAD_ENTRIES = 250_000;

export interface DeadJobEntry {
  id: string;
  partition: number;
  offset: number;
  jobId: string | undefined;
  name: string | undefined;
  reason: DeadJob['reason'];
  by: DeadJob['by'];
  attempts: number | undefined;
  failedAt: number;
  /** The error message's first ERROR_CHARS characters. */
  error: string;
  state: DeadJobState;
}

/** A dead job as one list row: what the index keeps and the dashboard lists and details. */
export function toDeadJobEntry(job: DeadJob): DeadJobEntry {
  return {
    id: job.id,
    partition: job.dlq.partition,
    offset: job.dlq.offset,
    jobId: job.jobId,
    name: job.name,
    reason: job.reason,
    by: job.by,
    attempts: job.attempts,
    failedAt: job.failedAt,
    error: job.error.message.slice(0, ERROR_CHARS),
    state: job.state,
  };
}

interface Indexed {
  entry: DeadJobEntry;
  search: string;
}

export interface DeadJobIndexPage {
  jobs: DeadJobEntry[];
  total: number;
}

export interface DeadJobIndexListOptions {
  limit?: number;
  skip?: number;
  filter?: DeadJobFilter;
  includeReplayed?: boolean;
}

export class DeadJobIndex {
  private readonly engine: Engine;
  private readonly topology: QueueTopology;
  private readonly maxEntries: number;
  private readonly byId = new Map<string, Indexed>();
  /** Newest first (failedAt, then offset); re-sorted lazily after appends. */
  private sorted: Indexed[] = [];
  private unsorted = false;
  private readonly cursor: Record<number, number> = {};
  private stateCursor: Record<number, number> = {};
  private readonly states = new DlqStateLog();
  private refreshing: Promise<void> | undefined;
  /** When the last refresh finished (0: never, or invalidated). */
  private refreshedAt = 0;
  /** Entries dropped to stay within maxEntries (oldest first). */
  dropped = 0;

  constructor(engine: Engine, topology: QueueTopology, options: { maxEntries?: number } = {}) {
    this.engine = engine;
    this.topology = topology;
    this.maxEntries = options.maxEntries ?? DEFAULT_MAX_DEAD_ENTRIES;
  }

  get size(): number {
    return this.byId.size;
  }

  /**
   * Catch up with the DLQ and its state topic; concurrent callers share one read. With maxAgeMs, a refresh
   * that finished less than that ago counts as fresh (a page of requests costs one catch-up, not one each).
   */
  refresh(maxAgeMs = 0): Promise<void> {
    if (!this.refreshing && maxAgeMs > 0 && Date.now() - this.refreshedAt < maxAgeMs)
      return Promise.resolve();
    this.refreshing ??= this.catchUp()
      .then(() => {
        this.refreshedAt = Date.now();
      })
      .finally(() => {
        this.refreshing = undefined;
      });
    return this.refreshing;
  }

  /** The next refresh reads the topics whatever its maxAgeMs (after this process replayed or purged). */
  invalidate(): void {
    this.refreshedAt = 0;
  }

  list(options: DeadJobIndexListOptions = {}): DeadJobIndexPage {
    const skip = Math.max(0, options.skip ?? 0);
    const limit = Math.max(0, options.limit ?? 50);
    const filter = options.filter;
    const needle = filter?.text ? filter.text.toLowerCase() : undefined;
    const jobs: DeadJobEntry[] = [];
    let total = 0;
    for (const item of this.ordered()) {
      const { entry } = item;
      if (!options.includeReplayed && entry.state === 'replayed') continue;
      if (filter?.name !== undefined && entry.name !== filter.name) continue;
      if (filter?.reason !== undefined && entry.reason !== filter.reason) continue;
      if (filter?.by !== undefined && entry.by !== filter.by) continue;
      if (needle !== undefined && !item.search.includes(needle)) continue;
      if (total >= skip && jobs.length < limit) jobs.push(entry);
      total++;
    }
    return { jobs, total };
  }

  /** Dead, not replayed: what getCounts reports. */
  count(): number {
    let n = 0;
    for (const { entry } of this.byId.values()) if (entry.state !== 'replayed') n++;
    return n;
  }

  /** The full DeadJob of an indexed entry, read from its record. */
  async get(id: string): Promise<DeadJob | undefined> {
    const item = this.byId.get(id);
    if (!item) return undefined;
    const { partition, offset } = item.entry;
    const records = await this.engine.readTopic(this.topology.dlqTopic, {
      fromOffsets: { ...this.cursor, [partition]: offset },
      limit: 1,
    });
    const record = records.find((r) => r.partition === partition && r.offset === offset);
    if (!record) return undefined;
    const job = toDeadJob(record);
    job.state = item.entry.state;
    return job;
  }

  private async catchUp(): Promise<void> {
    await this.readStates();
    for (;;) {
      const records = await this.engine.readTopic(this.topology.dlqTopic, {
        fromOffsets: this.cursor,
        limit: READ_PAGE,
      });
      if (records.length === 0) break;
      for (const record of records) this.add(record);
    }
    const gone = await this.truncated();
    for (const item of this.byId.values()) {
      const state = this.states.stateOf(item.entry.id);
      item.entry.state = state === 'purged' || state === undefined ? 'dead' : state;
      if (state === 'purged') gone.add(item.entry.id);
    }
    this.remove(gone);
    this.bound();
  }

  private async readStates(): Promise<void> {
    for (;;) {
      const records = await this.engine.readTopic(this.topology.dlqStateTopic, {
        fromOffsets: this.stateCursor,
        limit: READ_PAGE,
      });
      if (records.length === 0) return;
      for (const record of records) this.stateCursor[record.partition] = record.offset + 1;
      this.states.apply(records);
    }
  }

  private add(record: StoredRecord): void {
    this.cursor[record.partition] = record.offset + 1;
    const job = toDeadJob(record);
    const search = [job.jobId ?? '', job.name ?? '', job.error.message, safeJson(job.data)]
      .join('\n')
      .slice(0, SEARCH_CHARS)
      .toLowerCase();
    const item: Indexed = { entry: toDeadJobEntry(job), search };
    this.byId.set(job.id, item);
    this.sorted.push(item);
    this.unsorted = true;
  }

  /** A purge of everything truncates the DLQ: entries below a partition's first offset are gone. */
  private async truncated(): Promise<Set<string>> {
    const gone = new Set<string>();
    const partitions = new Set<number>();
    for (const { entry } of this.byId.values()) partitions.add(entry.partition);
    for (const partition of partitions) {
      const [first] = await this.engine.readTopic(this.topology.dlqTopic, {
        fromOffsets: { ...this.cursor, [partition]: 0 },
        limit: 1,
      });
      const start = first?.partition === partition ? first.offset : (this.cursor[partition] ?? 0);
      for (const { entry } of this.byId.values()) {
        if (entry.partition === partition && entry.offset < start) gone.add(entry.id);
      }
    }
    return gone;
  }

  /** One pass over the sorted list, whatever the number of ids. */
  private remove(ids: ReadonlySet<string>): void {
    if (ids.size === 0) return;
    for (const id of ids) this.byId.delete(id);
    this.sorted = this.sorted.filter((item) => !ids.has(item.entry.id));
  }

  private bound(): void {
    if (this.byId.size <= this.maxEntries) return;
    const ordered = this.ordered();
    const excess = ordered.splice(this.maxEntries);
    for (const item of excess) this.byId.delete(item.entry.id);
    this.sorted = ordered;
    this.dropped += excess.length;
  }

  private ordered(): Indexed[] {
    if (this.unsorted) {
      this.sorted.sort(
        (a, b) =>
          b.entry.failedAt - a.entry.failedAt ||
          b.entry.offset - a.entry.offset ||
          b.entry.partition - a.entry.partition,
      );
      this.unsorted = false;
    }
    return this.sorted;
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}
