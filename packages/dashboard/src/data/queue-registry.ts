/**
 * Which queues this dashboard shows, and one QueueSnapshotter per queue.
 *
 * Discovery: every share group named `<prefix>.<q>` (ListGroups to every broker, via
 * listShareGroups) — the queue's own share group, which exists once a worker or producer
 * provisioned it. Or the explicit list given to startDashboard. Unknown names → 404.
 *
 * The dashboard never provisions (no Queue.waitUntilReady): that would create topics and
 * rewrite the group's lock duration / delivery limit with defaults, and a viewer must not
 * change how the workers run. It calls the core functions on the engine directly.
 */
import {
  type Cluster,
  DeadJobIndex,
  type Engine,
  type JobEvent,
  listShareGroups,
  type QueueTopology,
  queueTopology,
} from '@sharq/core';
import { queueNotFound } from '../errors.js';
import { EventStats } from './event-stats.js';
import { JobIndex } from './job-index.js';
import { QueueSnapshotter } from './queue-snapshot.js';

const DISCOVERY_TTL_MS = 5_000;
const NAME = /^[A-Za-z0-9_-]{1,180}$/;

export interface QueueHandle {
  name: string;
  topology: QueueTopology;
  snapshotter: QueueSnapshotter;
  /** Recent jobs by id (job lookup), filled as the snapshotter reads the events topic. */
  jobs: JobIndex;
  /** Dead jobs, read incrementally from the DLQ (lists, filters and counts without re-reading it). */
  dead: DeadJobIndex;
}

export class QueueRegistry {
  private readonly engine: Engine;
  private readonly cluster: Cluster;
  private readonly prefix: string;
  private readonly explicit: readonly string[] | undefined;
  private readonly stuckAfterMs: number;
  private readonly refreshMs: number;
  private readonly onEvent: ((queue: string, event: JobEvent) => void) | undefined;
  private readonly handles = new Map<string, QueueHandle>();
  private discovered: { names: string[]; at: number } | undefined;
  private discovering: Promise<string[]> | undefined;

  constructor(deps: {
    engine: Engine;
    cluster: Cluster;
    prefix: string;
    queues: readonly string[] | undefined;
    stuckAfterMs: number;
    refreshMs: number;
    /** Hears every event appended to a shown queue's events topic (the metrics counters). */
    onEvent?: (queue: string, event: JobEvent) => void;
  }) {
    this.engine = deps.engine;
    this.cluster = deps.cluster;
    this.prefix = deps.prefix;
    this.explicit = deps.queues ? [...new Set(deps.queues)].sort() : undefined;
    this.stuckAfterMs = deps.stuckAfterMs;
    this.refreshMs = deps.refreshMs;
    this.onEvent = deps.onEvent;
  }

  async names(fresh = false): Promise<string[]> {
    if (this.explicit) return [...this.explicit];
    if (!fresh && this.discovered && Date.now() - this.discovered.at < DISCOVERY_TTL_MS) {
      return this.discovered.names;
    }
    this.discovering ??= this.discover().finally(() => {
      this.discovering = undefined;
    });
    return this.discovering;
  }

  /** The queue's handle; QUEUE_NOT_FOUND (404) for a name that is not one of ours. */
  async get(name: string): Promise<QueueHandle> {
    if (!NAME.test(name)) throw queueNotFound(name);
    const known = this.handles.get(name);
    if (known) return known;
    let names = await this.names();
    // A queue created since the last discovery: look again before answering 404.
    if (!names.includes(name) && !this.explicit) names = await this.names(true);
    if (!names.includes(name)) throw queueNotFound(name);
    const topology = queueTopology(name, this.prefix);
    const jobs = new JobIndex();
    const dead = new DeadJobIndex(this.engine, topology);
    const handle: QueueHandle = {
      name,
      topology,
      jobs,
      dead,
      snapshotter: new QueueSnapshotter({
        engine: this.engine,
        topology,
        events: new EventStats(this.engine, this.cluster, topology, this.eventListener(name), (event) =>
          jobs.add(event),
        ),
        stuckAfterMs: this.stuckAfterMs,
        maxAgeMs: Math.max(250, this.refreshMs / 2),
        dead,
      }),
    };
    this.handles.set(name, handle);
    return handle;
  }

  private eventListener(queue: string): ((event: JobEvent) => void) | undefined {
    const onEvent = this.onEvent;
    return onEvent ? (event) => onEvent(queue, event) : undefined;
  }

  private async discover(): Promise<string[]> {
    const groups = await listShareGroups(this.cluster);
    const head = `${this.prefix}.`;
    const names = groups
      .map((g) => g.groupId)
      .filter((id) => id.startsWith(head) && NAME.test(id.slice(head.length)))
      .map((id) => id.slice(head.length))
      .sort();
    this.discovered = { names, at: Date.now() };
    return names;
  }
}
