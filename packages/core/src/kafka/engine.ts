/**
 * KafkaEngine: the Engine contract on a real Kafka cluster.
 *
 * Who does what:
 *   topic admin, truncate, the classic group consumer                → kafkajs
 *   produce (idempotent), share consumer, share-group admin, topic reads without a group
 *                                                                     → our client (Cluster + codecs)
 * Both halves connect lazily on first use, so constructing an engine never touches the network.
 */
import type { Kafka } from 'kafkajs';
import { Cluster } from '../client/cluster.js';
import type {
  Engine,
  EngineCapabilities,
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
import { KafkaProducer } from '../produce/producer.js';
import { alterShareGroupConfigs } from '../share/admin/alter-share-group-configs.js';
import { detectBrokerCapabilities } from '../share/admin/broker-capabilities.js';
import { describeShareGroup } from '../share/admin/describe-share-group.js';
import { createKafkaShareConsumer } from '../share/consumer/index.js';
import { runGroupConsumer } from './group-consumer.js';
import { GroupOffsets } from './group-offsets.js';
import { createKafkajs } from './kafkajs-client.js';
import { type CompiledKafkaOptions, type KafkaConnectionOptions, parseKafkaOptions } from './options.js';
import { shareGroupLag } from './share-lag.js';
import { readTopic } from './topic-reader.js';
import { tailTopic } from './topic-tail.js';
import { TopicAdmin } from './topic-admin.js';

/** A produce round's retries: soon after a blip, at most every second while a broker restarts. */
const PRODUCE_RETRY_BACKOFF_MS = 100;
const PRODUCE_RETRY_BACKOFF_MAX_MS = 1_000;

export class KafkaEngine implements Engine {
  readonly kind = 'kafka' as const;
  readonly options: CompiledKafkaOptions;
  private readonly kafka: Kafka;
  private readonly topics: TopicAdmin;
  private readonly producer: KafkaProducer;
  private readonly cluster: Cluster;
  private clusterReady: Promise<Cluster> | undefined;
  private detected: Promise<EngineCapabilities> | undefined;
  private readonly open = new Set<{ close(): Promise<void> }>();
  private closing: Promise<void> | undefined;
  /** Made on the first describeGroupOffsets; it uses the engine's one admin client (TopicAdmin's). */
  private groupOffsets: GroupOffsets | undefined;

  constructor(options: KafkaConnectionOptions) {
    this.options = parseKafkaOptions(options);
    this.kafka = createKafkajs(this.options);
    this.topics = new TopicAdmin(this.kafka);
    this.cluster = new Cluster({
      brokers: [...this.options.brokers],
      clientId: this.options.clientId,
      ...(this.options.ssl === false ? {} : { ssl: this.options.ssl === true ? true : this.options.ssl }),
      ...(this.options.sasl ? { sasl: { ...this.options.sasl } } : {}),
      requestTimeoutMs: this.options.requestTimeoutMs,
      connectTimeoutMs: this.options.connectTimeoutMs,
    });
    this.producer = new KafkaProducer({
      cluster: () => this.connectedCluster(),
      requestTimeoutMs: this.options.requestTimeoutMs,
      retryBackoffMs: PRODUCE_RETRY_BACKOFF_MS,
      retryBackoffMaxMs: PRODUCE_RETRY_BACKOFF_MAX_MS,
    });
  }

  async ensureTopic(spec: TopicSpec): Promise<void> {
    this.assertOpen();
    await this.topics.ensureTopic(spec);
    // The producer picks partitions from the cluster's metadata: a topic just created or grown is re-read.
    if (this.clusterReady) await (await this.clusterReady).refreshMetadata([spec.name]);
  }

  async partitionCount(topic: string): Promise<number | undefined> {
    this.assertOpen();
    return this.topics.partitionCount(topic);
  }

  async configureShareGroup(groupId: string, config: ShareGroupConfig): Promise<void> {
    await alterShareGroupConfigs(await this.connectedCluster(), groupId, config);
  }

  /** Detected once (a failure is retried on the next call): what this cluster's Kafka release supports. */
  capabilities(): Promise<EngineCapabilities> {
    this.detected ??= this.connectedCluster()
      .then((cluster) => detectBrokerCapabilities(cluster))
      .catch((error: unknown) => {
        this.detected = undefined;
        throw error;
      });
    return this.detected;
  }

  produce(topic: string, records: OutgoingRecord[]): Promise<ProducedRecord[]> {
    this.assertOpen();
    return this.producer.produce(topic, records);
  }

  createShareConsumer(options: ShareConsumerOptions): ShareConsumer {
    this.assertOpen();
    const log = this.options.logger;
    const consumer = createKafkaShareConsumer(this.cluster, {
      ...options,
      // Background problems the consumer retries by itself: worth a log line, not an exception.
      ...(log
        ? { onError: (error: Error) => log.warn({ err: error, groupId: options.groupId }, 'share consumer') }
        : {}),
    });
    const close = this.track(() => consumer.close());
    return {
      get memberId() {
        return consumer.memberId;
      },
      // The cluster connects lazily; the consumer's first poll is where that happens.
      poll: async (maxRecords, pollOptions) => {
        await this.connectedCluster();
        return consumer.poll(maxRecords, pollOptions);
      },
      acknowledge: (record, type) => consumer.acknowledge(record, type),
      stopFetching: () => consumer.stopFetching(),
      join: async (timeoutMs) => {
        await this.connectedCluster();
        return consumer.join(timeoutMs);
      },
      close,
    };
  }

  async describeShareGroup(groupId: string): Promise<ShareGroupDescription> {
    return describeShareGroup(await this.connectedCluster(), groupId);
  }

  async describeShareGroupOffsets(groupId: string, topics: string[]): Promise<PartitionLag[]> {
    return shareGroupLag(await this.connectedCluster(), groupId, topics);
  }

  async readTopic(topic: string, options?: ReadOptions): Promise<StoredRecord[]> {
    return readTopic(await this.connectedCluster(), topic, options ?? {});
  }

  tail(topic: string, options: TailOptions, onRecords: (records: StoredRecord[]) => void): Subscription {
    this.assertOpen();
    const log = this.options.logger;
    const inner = tailTopic(
      () => this.connectedCluster(),
      topic,
      options,
      onRecords,
      (error) => log?.warn({ err: error, topic }, 'tail'),
    );
    return { close: this.track(() => inner.close()) };
  }

  runGroupConsumer(options: GroupConsumerOptions): Subscription {
    this.assertOpen();
    const inner = runGroupConsumer(this.kafka, options);
    return { close: this.track(() => inner.close()) };
  }

  async describeGroupOffsets(groupId: string, topics: string[]): Promise<PartitionLag[]> {
    this.assertOpen();
    this.groupOffsets ??= new GroupOffsets(() => this.topics.connected());
    return this.groupOffsets.describe(await this.connectedCluster(), groupId, topics);
  }

  async truncateTopic(topic: string): Promise<void> {
    this.assertOpen();
    await this.topics.truncateTopic(topic);
  }

  /** Idempotent: consumers, tails and group consumers first, then the producer, admin and connections. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const children = [...this.open];
      this.open.clear();
      const results = await Promise.allSettled(children.map((c) => c.close()));
      await Promise.allSettled([this.producer.close(), this.topics.close()]);
      await this.cluster.close();
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    })();
    return this.closing;
  }

  /** Registers a child for close(); returns the close function to hand out (it unregisters itself). */
  private track(closeChild: () => Promise<void>): () => Promise<void> {
    const entry = {
      close: async (): Promise<void> => {
        this.open.delete(entry);
        await closeChild();
      },
    };
    this.open.add(entry);
    return entry.close;
  }

  private assertOpen(): void {
    if (this.closing) throw new ClosedError('KafkaEngine');
  }

  private connectedCluster(): Promise<Cluster> {
    if (this.closing) return Promise.reject(new ClosedError('KafkaEngine'));
    this.clusterReady ??= this.cluster.connect().then(
      () => this.cluster,
      (error: unknown) => {
        this.clusterReady = undefined;
        throw error;
      },
    );
    return this.clusterReady;
  }
}
