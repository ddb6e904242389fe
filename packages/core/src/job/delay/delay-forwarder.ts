/**
 * Moves delayed records on when their bucket wait is over. Runs inside every Worker as a
 * classic consumer group (`<prefix>.<q>.delay`) over the bucket topics: one owner per
 * partition, records handed in offset order. The head not yet due → verdict retryAt(forwardAt)
 * (the engine pauses that partition until then: no polling, no share locks held); due →
 * produce to the next bucket or the queue topic, then 'done' (offset committed).
 *
 * A paused partition resumes only when the engine next fetches (kafkajs: up to its 5 s fetch
 * long-poll; the Kafka engine shortens it to ~250 ms for paused partitions), so a head due within `earlyWakeMs` is not paused: the handler waits for it inline
 * (holding only that partition, no lock of any kind) and a head due later is paused until
 * `earlyWakeMs` before its time. Due jobs thus move within milliseconds of forward-at on both engines.
 *
 * Restarts lose nothing: the schedule is in the record headers and progress is the committed
 * offset. A crash between the produce and the commit forwards that record twice (at-least-once,
 * like every Kafka hop); the job then runs twice unless its processor is idempotent.
 */
import type { Engine, GroupVerdict, StoredRecord, Subscription } from '../../engine/engine.js';
import type { QueueTopology } from '../topology.js';
import { readDelaySchedule, routeDelayed, toOutgoing } from './delay-route.js';

export interface DelayForwarderOptions {
  onError?: (error: Error) => void;
  now?: () => number;
  /** Heads due within this many ms are awaited inline instead of paused (default 500; 0 = always pause). */
  earlyWakeMs?: number;
}

const DEFAULT_EARLY_WAKE_MS = 500;

export class DelayForwarder {
  private readonly engine: Engine;
  private readonly topology: QueueTopology;
  private readonly options: DelayForwarderOptions;
  private subscription: Subscription | undefined;
  private stopping = new AbortController();
  /** Records forwarded by this process (observability/tests). */
  forwarded = 0;

  constructor(engine: Engine, topology: QueueTopology, options: DelayForwarderOptions = {}) {
    this.engine = engine;
    this.topology = topology;
    this.options = options;
  }

  get running(): boolean {
    return this.subscription !== undefined;
  }

  /** Topics must exist (provisionQueue) before start. */
  start(): void {
    if (this.subscription) return;
    this.stopping = new AbortController();
    const consumerOptions: Parameters<Engine['runGroupConsumer']>[0] = {
      groupId: this.topology.delayGroup,
      topics: this.topology.delayBuckets.map((bucket) => bucket.topic),
      onRecord: (record) => this.onRecord(record),
    };
    if (this.options.onError) consumerOptions.onError = this.options.onError;
    this.subscription = this.engine.runGroupConsumer(consumerOptions);
  }

  async stop(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = undefined;
    this.stopping.abort();
    await subscription?.close();
  }

  private async onRecord(record: StoredRecord): Promise<GroupVerdict> {
    let now = this.clock();
    const schedule = readDelaySchedule(record);
    // A bucket record without a schedule was not written by Sharq: hand it to the queue now,
    // where the worker dead-letters it as malformed instead of it blocking the bucket forever.
    const dueAt = schedule?.dueAt ?? now;
    if (schedule && schedule.forwardAt > now) {
      const earlyWake = this.options.earlyWakeMs ?? DEFAULT_EARLY_WAKE_MS;
      const wait = schedule.forwardAt - now;
      if (wait > earlyWake) return { kind: 'retryAt', at: schedule.forwardAt - earlyWake };
      const woke = await sleep(wait, this.stopping.signal);
      if (!woke) return { kind: 'retryAt', at: schedule.forwardAt };
      now = Math.max(this.clock(), schedule.forwardAt);
    }
    const routed = routeDelayed(this.topology, toOutgoing(record), dueAt, now);
    await this.engine.produce(routed.topic, [routed.record]);
    this.forwarded++;
    return { kind: 'done' };
  }

  private clock(): number {
    return this.options.now?.() ?? Date.now();
  }
}

/** Resolves true after `ms`, or false as soon as `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
