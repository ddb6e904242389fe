/**
 * Moves delayed records on when their bucket wait is over. Runs inside every Worker as a
 * classic consumer group (`<prefix>.<q>.delay`) over the bucket topics: one owner per
 * partition, records handed in offset order. The head not yet due → verdict retryAt(forwardAt)
 * (the engine pauses that partition until then: no polling, no share locks held); due →
 * produce to the next bucket or the queue topic, then 'done' (offset committed).
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
}

export class DelayForwarder {
  private readonly engine: Engine;
  private readonly topology: QueueTopology;
  private readonly options: DelayForwarderOptions;
  private subscription: Subscription | undefined;
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
    await subscription?.close();
  }

  private async onRecord(record: StoredRecord): Promise<GroupVerdict> {
    const now = this.options.now?.() ?? Date.now();
    const schedule = readDelaySchedule(record);
    // A bucket record without a schedule was not written by Sharq: hand it to the queue now,
    // where the worker dead-letters it as malformed instead of it blocking the bucket forever.
    const dueAt = schedule?.dueAt ?? now;
    if (schedule && schedule.forwardAt > now) return { kind: 'retryAt', at: schedule.forwardAt };
    const routed = routeDelayed(this.topology, toOutgoing(record), dueAt, now);
    await this.engine.produce(routed.topic, [routed.record]);
    this.forwarded++;
    return { kind: 'done' };
  }
}
