import {
  type GroupConsumerOptions,
  type PartitionLag,
  REJOIN_DRAIN_MS,
  type Subscription,
} from '../engine/engine.js';
import { reportUnheardError } from '../emitter/unheard-errors.js';
import { SharqError, toError, ValidationError } from '../errors.js';
import type { Clock } from './clock.js';
import { PartitionDriver } from './partition-driver.js';
import type { TopicStore } from './topic-store.js';

/** Throws ValidationError unless maxInFlightPerPartition is absent or a whole number ≥ 1. */
export function checkGroupConsumerOptions(options: GroupConsumerOptions): void {
  const max = options.maxInFlightPerPartition;
  if (max === undefined || (Number.isSafeInteger(max) && max >= 1)) return;
  const message = `maxInFlightPerPartition must be a whole number ≥ 1 (got ${max})`;
  throw new ValidationError(message, [{ path: 'maxInFlightPerPartition', message }]);
}

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
 * A classic consumer group: committed offsets per partition, one owner per partition among its runners.
 * A rebalance first waits for the beforeRejoin of every member holding partitions (bounded by
 * REJOIN_DRAIN_MS, like the Kafka engine), then assigns, then calls afterJoin: the classic protocol's
 * "every member rejoins before the group moves on". A leaving member's partitions are released at once.
 */
export class ClassicGroup {
  private readonly runners: GroupRunner[] = [];
  private readonly drivers = new Map<string, PartitionDriver[]>();
  private readonly unlisten = new Map<string, () => void>();
  private rebalancing: Promise<void> | undefined;
  private rebalanceAgain = false;
  private closed = false;

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
    for (const driver of this.allDrivers()) if (driver.owner === runner) driver.assign(undefined);
    this.rebalance();
  }

  /**
   * The committed position per partition of `topics` (missing topics are skipped): a partition this group
   * never read starts at the log start, like a new group; a committed offset below the log start (after a
   * truncation) reports the log start, where the next owner really begins.
   */
  offsets(topics: readonly string[]): PartitionLag[] {
    const out: PartitionLag[] = [];
    for (const name of topics) {
      const topic = this.topics.get(name);
      if (!topic) continue;
      for (const log of topic.partitions) {
        const committed = this.drivers.get(name)?.[log.partition]?.committedOffset ?? log.startOffset;
        const startOffset = Math.min(Math.max(committed, log.startOffset), log.endOffset);
        out.push({
          topic: name,
          partition: log.partition,
          startOffset,
          endOffset: log.endOffset,
          lag: log.endOffset - startOffset,
        });
      }
    }
    return out;
  }

  close(): void {
    this.closed = true;
    for (const list of this.drivers.values()) for (const driver of list) driver.stop();
    for (const stop of this.unlisten.values()) stop();
    this.unlisten.clear();
  }

  private onAppend(topic: string): void {
    const known = this.drivers.get(topic)?.length ?? 0;
    if (known !== (this.topics.get(topic)?.partitions.length ?? 0)) this.rebalance();
    for (const driver of this.drivers.get(topic) ?? []) driver.kick();
  }

  /** Synchronous while nobody has to drain (the common case, and every group without beforeRejoin). */
  private rebalance(): void {
    if (!this.rebalancing && this.draining().length === 0) {
      this.assign();
      return;
    }
    this.rebalanceAgain = true;
    this.rebalancing ??= (async () => {
      while (this.rebalanceAgain) {
        this.rebalanceAgain = false;
        await Promise.all(this.draining().map((runner) => this.drain(runner)));
        this.assign();
      }
    })().finally(() => {
      this.rebalancing = undefined;
    });
  }

  /** Members that hold partitions and drain before a rejoin. */
  private draining(): GroupRunner[] {
    const owners = new Set<GroupRunner>();
    for (const driver of this.allDrivers()) {
      const owner = driver.owner;
      if (owner && !owner.closed && owner.options.beforeRejoin) owners.add(owner);
    }
    return [...owners];
  }

  /** Never rejects; past REJOIN_DRAIN_MS the runner's records are given up (signals abort). */
  private async drain(runner: GroupRunner): Promise<void> {
    const before = runner.options.beforeRejoin;
    if (!before) return;
    let timer: { cancel(): void } | undefined;
    const drained = await Promise.race([
      before().then(
        () => true,
        (error: unknown) => {
          runner.reportError(error);
          return true;
        },
      ),
      new Promise<false>((resolve) => {
        timer = this.clock.setTimer(() => resolve(false), REJOIN_DRAIN_MS, { keepAlive: true });
      }),
    ]);
    timer?.cancel();
    if (drained || runner.closed) return;
    for (const driver of this.allDrivers()) if (driver.owner === runner) driver.assign(undefined);
    runner.reportError(
      new SharqError(
        'REJOIN_DRAIN_TIMEOUT',
        `records still in progress ${REJOIN_DRAIN_MS} ms into a rebalance were given up: their partitions' next owners run them again, possibly while they still run here`,
      ),
    );
  }

  private *allDrivers(): Iterable<PartitionDriver> {
    for (const list of this.drivers.values()) yield* list;
  }

  /** Range-free round robin: partition p of a topic goes to its p-th subscriber modulo their count. */
  private assign(): void {
    if (this.closed) return;
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
        driver.assign(
          subscribers.length > 0 ? subscribers[driver.log.partition % subscribers.length] : undefined,
        );
      }
    }
    for (const runner of this.runners) if (!runner.closed) runner.options.afterJoin?.();
  }
}
