/**
 * Topic operations over one lazily connected kafkajs admin client.
 *
 * ensureTopic: create if missing (a concurrent creator winning the race, TOPIC_ALREADY_EXISTS, is fine),
 *   add partitions if the topic has fewer than asked, never shrink, never touch existing configs.
 * partitionCount: from a fresh metadata call; undefined when the topic does not exist.
 * truncateTopic: deleteTopicRecords up to each partition's high watermark (DLQ purge).
 */
import type { Admin, Kafka } from 'kafkajs';
import type { TopicSpec } from '../engine/engine.js';
import { ClosedError, SharqError } from '../errors.js';
import { fromKafkajs } from './kafkajs-errors.js';

const UNKNOWN_TOPIC = 'UNKNOWN_TOPIC_OR_PARTITION';
const ALREADY_EXISTS = 'TOPIC_ALREADY_EXISTS';
const LEADER_NOT_AVAILABLE = 'LEADER_NOT_AVAILABLE';
/** How long a created topic may take to show leaders for every partition (a busy broker needs seconds). */
const TOPIC_READY_TIMEOUT_MS = 30_000;

export class TopicAdmin {
  private admin: Admin | undefined;
  private connecting: Promise<Admin> | undefined;
  private closed = false;

  constructor(private readonly kafka: Kafka) {}

  ensureTopic(spec: TopicSpec): Promise<void> {
    return this.wrap('ensureTopic', () => this.ensureTopicRaw(spec));
  }

  private async ensureTopicRaw(spec: TopicSpec): Promise<void> {
    const admin = await this.connected();
    const existing = await this.partitionCountRaw(spec.name);
    if (existing === undefined) {
      try {
        await admin.createTopics({
          // kafkajs gives up waiting for leaders after a few short retries; waitUntilServed() waits longer.
          waitForLeaders: false,
          topics: [
            {
              topic: spec.name,
              numPartitions: spec.partitions,
              configEntries: Object.entries(spec.configs ?? {}).map(([name, value]) => ({ name, value })),
            },
          ],
        });
        await this.waitUntilServed(admin, spec.name);
        return;
      } catch (error) {
        if (!hasKafkaErrorType(error, ALREADY_EXISTS)) throw error;
        await this.waitUntilServed(admin, spec.name);
      }
    }
    const count = existing ?? (await this.partitionCountRaw(spec.name)) ?? 0;
    if (count < spec.partitions) {
      try {
        await admin.createPartitions({ topicPartitions: [{ topic: spec.name, count: spec.partitions }] });
      } catch (error) {
        // Another process grew it at the same time: fine if it now has enough.
        const now = await this.partitionCountRaw(spec.name);
        if (now === undefined || now < spec.partitions) throw error;
      }
    }
  }

  /**
   * Right after creation a broker may answer metadata with UNKNOWN_TOPIC_OR_PARTITION or partitions
   * without a leader for a while; producing then fails. Wait (bounded) until every partition has one.
   */
  private async waitUntilServed(admin: Admin, topic: string): Promise<void> {
    const deadline = Date.now() + TOPIC_READY_TIMEOUT_MS;
    for (let delay = 50; ; delay = Math.min(delay * 2, 1_000)) {
      try {
        const meta = await admin.fetchTopicMetadata({ topics: [topic] });
        const t = meta.topics.find((m) => m.name === topic);
        if (t && t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0)) return;
      } catch (error) {
        if (!hasKafkaErrorType(error, UNKNOWN_TOPIC) && !hasKafkaErrorType(error, LEADER_NOT_AVAILABLE))
          throw error;
        if (Date.now() > deadline) throw error;
      }
      if (Date.now() > deadline) {
        throw new SharqError(
          'TOPIC_NOT_READY',
          `topic ${topic} has no leader for every partition after ${TOPIC_READY_TIMEOUT_MS} ms`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  partitionCount(topic: string): Promise<number | undefined> {
    return this.wrap('partitionCount', () => this.partitionCountRaw(topic));
  }

  private async partitionCountRaw(topic: string): Promise<number | undefined> {
    const admin = await this.connected();
    try {
      const meta = await admin.fetchTopicMetadata({ topics: [topic] });
      const t = meta.topics.find((m) => m.name === topic);
      return t ? t.partitions.length : undefined;
    } catch (error) {
      if (hasKafkaErrorType(error, UNKNOWN_TOPIC)) return undefined;
      throw error;
    }
  }

  /** High watermark per partition. */
  endOffsets(topic: string): Promise<Map<number, number>> {
    return this.wrap('endOffsets', () => this.endOffsetsRaw(topic));
  }

  private async endOffsetsRaw(topic: string): Promise<Map<number, number>> {
    const admin = await this.connected();
    const offsets = await admin.fetchTopicOffsets(topic);
    return new Map(offsets.map((o) => [o.partition, Number(o.high)]));
  }

  truncateTopic(topic: string): Promise<void> {
    return this.wrap('truncateTopic', () => this.truncateTopicRaw(topic));
  }

  private async truncateTopicRaw(topic: string): Promise<void> {
    const admin = await this.connected();
    const ends = await this.endOffsetsRaw(topic);
    const partitions = [...ends].map(([partition, offset]) => ({ partition, offset: String(offset) }));
    if (partitions.length > 0) await admin.deleteTopicRecords({ topic, partitions });
  }

  private async wrap<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw fromKafkajs(error, what, (m) => new SharqError('KAFKA_ADMIN', m));
    }
  }

  /** The engine's one kafkajs admin client, connected on first use (GroupOffsets borrows it too). */
  connected(): Promise<Admin> {
    if (this.closed) return Promise.reject(new ClosedError('KafkaEngine admin'));
    if (this.admin) return Promise.resolve(this.admin);
    if (!this.connecting) {
      const admin = this.kafka.admin();
      this.connecting = admin.connect().then(
        () => {
          this.admin = admin;
          return admin;
        },
        (error: unknown) => {
          this.connecting = undefined;
          throw error;
        },
      );
    }
    return this.connecting;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const admin = await this.connecting?.catch(() => undefined);
    await admin?.disconnect();
  }
}

/** kafkajs reports broker errors as `type` (Kafka's name), on the error or, for createTopics, inside `errors`. */
function hasKafkaErrorType(error: unknown, type: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { type?: unknown; errors?: unknown; cause?: unknown };
  if (e.type === type) return true;
  if (Array.isArray(e.errors) && e.errors.some((inner) => hasKafkaErrorType(inner, type))) return true;
  return e.cause !== undefined && e.cause !== error && hasKafkaErrorType(e.cause, type);
}
