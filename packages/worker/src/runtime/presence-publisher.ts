import { hostname } from 'node:os';
import {
  type Engine,
  type PresenceBlockedKey,
  type PresenceJob,
  type QueueTopology,
  encodePresence,
  encodePresenceTombstone,
  toError,
} from '@sharq/core';
import type { ActiveJob } from './active-job.js';

export interface PresencePublisherDeps {
  engine: Engine;
  topology: QueueTopology;
  workerId: string;
  concurrency: number;
  intervalMs: number;
  startedAt: number;
  running: () => Iterable<ActiveJob>;
  /** Key-ordered workers: the keys blocked here (ordering/ordered-consumer.ts), published with each heartbeat. */
  blockedKeys?: () => PresenceBlockedKey[];
  onError: (error: Error) => void;
}

/**
 * Publishes "who I am and what I hold" to the queue's compacted presence topic every interval (key =
 * worker id, so compaction keeps only the latest), and a tombstone on close so the dashboard drops the
 * worker at once instead of waiting for it to go stale.
 */
export class PresencePublisher {
  readonly #deps: PresencePublisherDeps;
  readonly #host = hostname();
  #timer: NodeJS.Timeout | undefined;
  #inFlight: Promise<void> | undefined;
  #stopped = false;

  constructor(deps: PresencePublisherDeps) {
    this.#deps = deps;
  }

  start(): void {
    if (this.#timer || this.#stopped) return;
    void this.publishNow();
    this.#timer = setInterval(() => void this.publishNow(), this.#deps.intervalMs);
    this.#timer.unref();
  }

  /** One heartbeat now; overlapping calls share the one in flight (a slow broker never piles them up). */
  publishNow(): Promise<void> {
    this.#inFlight ??= this.#publish().finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  /** Stops the heartbeat and writes the tombstone. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#inFlight;
    const { engine, topology, workerId } = this.#deps;
    try {
      await engine.produce(topology.presenceTopic, [encodePresenceTombstone(workerId)]);
    } catch (error) {
      this.#deps.onError(toError(error));
    }
  }

  snapshotJobs(): PresenceJob[] {
    const jobs: PresenceJob[] = [];
    for (const active of this.#deps.running()) {
      if (!active.job || active.state !== 'running') continue;
      jobs.push({
        id: active.job.id,
        name: active.job.name,
        startedAt: active.startedAt,
        attempt: active.job.attempt,
        deliveryCount: active.record.deliveryCount,
        partition: active.record.partition,
        offset: active.record.offset,
        lockExpiresAt: active.lockExpiresAt,
      });
    }
    return jobs;
  }

  async #publish(): Promise<void> {
    if (this.#stopped) return;
    const { engine, topology, workerId, concurrency, intervalMs, startedAt } = this.#deps;
    const presence: Parameters<typeof encodePresence>[0] = {
      v: 1,
      workerId,
      queue: topology.queue,
      host: this.#host,
      pid: process.pid,
      concurrency,
      startedAt,
      heartbeatAt: Date.now(),
      heartbeatIntervalMs: intervalMs,
      jobs: this.snapshotJobs(),
    };
    const blocked = this.#deps.blockedKeys?.();
    if (blocked) presence.blockedKeys = blocked;
    const record = encodePresence(presence);
    try {
      await engine.produce(topology.presenceTopic, [record]);
    } catch (error) {
      this.#deps.onError(toError(error));
    }
  }
}
