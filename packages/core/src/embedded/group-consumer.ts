import type { GroupConsumerOptions, StoredRecord, Subscription } from '../engine/engine.js';
import { reportUnheardError } from '../emitter/unheard-errors.js';
import { toError } from '../errors.js';
import type { Clock, TimerHandle } from './clock.js';
import type { PartitionLog } from './partition-log.js';
import type { TopicStore } from './topic-store.js';

/** How long a partition waits before handing the same record again after onRecord threw. */
const ERROR_RETRY_MS = 1000;

/** One runGroupConsumer() call: a member of a classic group. */
export class GroupRunner implements Subscription {
  closed = false;

  constructor(
    readonly options: GroupConsumerOptions,
    private readonly onClose: (runner: GroupRunner) => void,
  ) {}

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.onClose(this);
  }

  reportError(error: unknown): void {
    const err = toError(error, 'onRecord');
    if (this.options.onError) this.options.onError(err);
    else reportUnheardError({ emitter: 'group consumer' }, err);
  }
}

/**
 * Drives one partition of a classic group: hands records to the current owner one at a time in
 * offset order and commits past each 'done'. 'retryAt' pauses the partition on a timer and hands
 * the same record again; no polling loop runs while paused or caught up.
 */
export class PartitionDriver {
  owner: GroupRunner | undefined;
  private running = false;
  private retry: TimerHandle | undefined;
  private stopped = false;

  constructor(
    readonly log: PartitionLog,
    private readonly clock: Clock,
    private committed: number,
  ) {}

  get committedOffset(): number {
    return this.committed;
  }

  /** Something changed (append, owner): run if idle. */
  kick(): void {
    if (this.running || this.retry || this.stopped || !this.owner) return;
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    this.retry?.cancel();
    this.retry = undefined;
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      for (;;) {
        const owner = this.owner;
        if (this.stopped || !owner || owner.closed) return;
        const offset = Math.max(this.committed, this.log.startOffset);
        const record: StoredRecord | undefined = this.log.get(offset);
        if (!record) return;
        let verdict: Awaited<ReturnType<GroupConsumerOptions['onRecord']>>;
        try {
          verdict = await owner.options.onRecord(record);
        } catch (error) {
          owner.reportError(error);
          this.pauseFor(ERROR_RETRY_MS);
          return;
        }
        if (verdict.kind === 'done') {
          this.committed = offset + 1;
        } else {
          this.pauseFor(verdict.at - this.clock.now());
          return;
        }
      }
    } finally {
      this.running = false;
    }
  }

  private pauseFor(ms: number): void {
    if (this.stopped) return;
    // keepAlive: a due delayed job must still fire in a process that has nothing else to do.
    this.retry = this.clock.setTimer(
      () => {
        this.retry = undefined;
        this.kick();
      },
      Math.max(0, ms),
      { keepAlive: true },
    );
  }
}

/** A classic consumer group: committed offsets per partition, one owner per partition among its runners. */
export class ClassicGroup {
  private readonly runners: GroupRunner[] = [];
  private readonly drivers = new Map<string, PartitionDriver[]>();
  private readonly unlisten = new Map<string, () => void>();

  constructor(
    private readonly topics: TopicStore,
    private readonly clock: Clock,
  ) {}

  get size(): number {
    return this.runners.length;
  }

  add(runner: GroupRunner): void {
    this.runners.push(runner);
    for (const topic of runner.options.topics) {
      if (!this.unlisten.has(topic))
        this.unlisten.set(
          topic,
          this.topics.listen(topic, () => this.onAppend(topic)),
        );
    }
    this.rebalance();
  }

  remove(runner: GroupRunner): void {
    const index = this.runners.indexOf(runner);
    if (index >= 0) this.runners.splice(index, 1);
    this.rebalance();
  }

  close(): void {
    for (const list of this.drivers.values()) for (const driver of list) driver.stop();
    for (const stop of this.unlisten.values()) stop();
    this.unlisten.clear();
  }

  private onAppend(topic: string): void {
    const known = this.drivers.get(topic)?.length ?? 0;
    if (known !== (this.topics.get(topic)?.partitions.length ?? 0)) this.rebalance();
    for (const driver of this.drivers.get(topic) ?? []) driver.kick();
  }

  /** Range-free round robin: partition p of a topic goes to its p-th subscriber modulo their count. */
  private rebalance(): void {
    const topicNames = new Set([...this.unlisten.keys()]);
    for (const name of topicNames) {
      const topic = this.topics.get(name);
      if (!topic) continue;
      let list = this.drivers.get(name);
      if (!list) {
        list = [];
        this.drivers.set(name, list);
      }
      for (let p = list.length; p < topic.partitions.length; p++) {
        const log = topic.partitions[p]!;
        // A new group starts at the earliest offset: delay buckets must not skip anything produced before.
        list.push(new PartitionDriver(log, this.clock, log.startOffset));
      }
      const subscribers = this.runners.filter(
        (runner) => !runner.closed && runner.options.topics.includes(name),
      );
      for (const driver of list) {
        driver.owner =
          subscribers.length > 0 ? subscribers[driver.log.partition % subscribers.length] : undefined;
        driver.kick();
      }
    }
  }
}
