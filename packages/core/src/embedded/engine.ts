import { z } from 'zod';
import type {
  Engine,
  GroupConsumerOptions,
  OutgoingRecord,
  PartitionLag,
  ProducedRecord,
  ReadOptions,
  ShareConsumer,
  ShareConsumerOptions,
  ShareGroupConfig,
  ShareGroupDescription,
  StoredRecord,
  Subscription,
  TailOptions,
  TopicSpec,
} from '../engine/engine.js';
import { ClosedError } from '../errors.js';
import { parseOptions } from '../options/parse-options.js';
import { ClassicGroup, checkGroupConsumerOptions, GroupRunner } from './group-consumer.js';
import {
  type CompiledEngineOptions,
  compileEngineOptions,
  type EmbeddedEngineOptions,
  parseGroupConfig,
} from './options.js';
import { EmbeddedShareConsumer } from './share-consumer.js';
import { ShareGroup } from './share-group.js';
import { TailSubscription } from './tail.js';
import { TopicStore } from './topic-store.js';

const topicSpecSchema = z.strictObject({
  name: z.string().min(1).max(249),
  partitions: z.number().int().min(1).max(10_000),
  configs: z.record(z.string(), z.string()).optional(),
});

/**
 * The Engine in-process: per-partition logs and KIP-932 share-partition state in memory, with the
 * same semantics as a Kafka 4.4 broker (locks, delivery counts, in-flight cap, broker-side DLQ).
 * Nothing is persisted: it is the zero-setup engine for demos and fast tests.
 */
export class EmbeddedEngine implements Engine {
  readonly kind = 'embedded' as const;
  private readonly options: CompiledEngineOptions;
  private readonly topics = new TopicStore();
  private readonly shareGroups = new Map<string, ShareGroup>();
  private readonly classicGroups = new Map<string, ClassicGroup>();
  private readonly consumers = new Set<EmbeddedShareConsumer>();
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;

  constructor(options?: EmbeddedEngineOptions) {
    this.options = compileEngineOptions(options);
  }

  async ensureTopic(spec: TopicSpec): Promise<void> {
    this.assertOpen();
    const parsed = parseOptions(topicSpecSchema, spec);
    this.topics.ensure(parsed.name, parsed.partitions, parsed.configs);
  }

  async partitionCount(topic: string): Promise<number | undefined> {
    this.assertOpen();
    return this.topics.get(topic)?.partitions.length;
  }

  async configureShareGroup(groupId: string, config: ShareGroupConfig): Promise<void> {
    this.assertOpen();
    this.shareGroup(groupId).configure(parseGroupConfig(config));
  }

  async produce(topic: string, records: OutgoingRecord[]): Promise<ProducedRecord[]> {
    this.assertOpen();
    return this.topics.append(topic, records, this.options.clock.now());
  }

  createShareConsumer(options: ShareConsumerOptions): ShareConsumer {
    this.assertOpen();
    const consumer = new EmbeddedShareConsumer(
      this.shareGroup(options.groupId),
      this.options.clock,
      options,
      (closed) => this.consumers.delete(closed),
    );
    this.consumers.add(consumer);
    return consumer;
  }

  async describeShareGroup(groupId: string): Promise<ShareGroupDescription> {
    this.assertOpen();
    return this.shareGroups.get(groupId)?.describe() ?? { groupId, state: 'Dead', members: [] };
  }

  async describeShareGroupOffsets(groupId: string, topics: string[]): Promise<PartitionLag[]> {
    this.assertOpen();
    // Describing must not create the group: an unknown group answers from the defaults, like a new one.
    const group = this.shareGroups.get(groupId) ?? this.newShareGroup(groupId);
    return group.offsets(topics);
  }

  async readTopic(topic: string, options: ReadOptions = {}): Promise<StoredRecord[]> {
    this.assertOpen();
    const out: StoredRecord[] = [];
    let remaining = options.limit ?? Number.POSITIVE_INFINITY;
    for (const log of this.topics.require(topic).partitions) {
      if (remaining <= 0) break;
      const records = log.read(options.fromOffsets?.[log.partition] ?? log.startOffset, remaining);
      for (const record of records) out.push(record);
      remaining -= records.length;
    }
    return out;
  }

  tail(topic: string, options: TailOptions, onRecords: (records: StoredRecord[]) => void): Subscription {
    this.assertOpen();
    const inner = new TailSubscription(this.topics, topic, options, onRecords);
    const subscription: Subscription = {
      close: async () => {
        this.subscriptions.delete(subscription);
        await inner.close();
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  runGroupConsumer(options: GroupConsumerOptions): Subscription {
    this.assertOpen();
    checkGroupConsumerOptions(options);
    let group = this.classicGroups.get(options.groupId);
    if (!group) {
      group = new ClassicGroup(this.topics, this.options.clock);
      this.classicGroups.set(options.groupId, group);
    }
    const owner = group;
    const runner = new GroupRunner({ ...options, topics: [...options.topics] }, (closed) => {
      this.subscriptions.delete(closed);
      owner.remove(closed);
    });
    this.subscriptions.add(runner);
    group.add(runner);
    return runner;
  }

  async describeGroupOffsets(groupId: string, topics: string[]): Promise<PartitionLag[]> {
    this.assertOpen();
    // Describing must not create the group: an unknown one reads like a new group, from the log start.
    const group = this.classicGroups.get(groupId) ?? new ClassicGroup(this.topics, this.options.clock);
    return group.offsets(topics);
  }

  async truncateTopic(topic: string): Promise<void> {
    this.assertOpen();
    this.topics.truncate(topic);
  }

  /** Stops every consumer, subscription and timer. Idempotent; afterwards every call throws ClosedError. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const consumer of [...this.consumers]) await consumer.close();
    for (const subscription of [...this.subscriptions]) await subscription.close();
    for (const group of this.shareGroups.values()) group.close();
    for (const group of this.classicGroups.values()) group.close();
  }

  private shareGroup(groupId: string): ShareGroup {
    let group = this.shareGroups.get(groupId);
    if (!group) {
      group = this.newShareGroup(groupId);
      this.shareGroups.set(groupId, group);
    }
    return group;
  }

  private newShareGroup(groupId: string): ShareGroup {
    return new ShareGroup(groupId, {
      topics: this.topics,
      clock: this.options.clock,
      defaults: this.options.defaults,
    });
  }

  private assertOpen(): void {
    if (this.closed) throw new ClosedError('embedded engine');
  }
}
