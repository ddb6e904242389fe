/**
 * The producer behind KafkaEngine.produce, on our own client: idempotent, acks=all, Produce v9.
 *
 * Rounds: one round of requests is in flight at a time (one request per partition leader). Calls made
 * meanwhile queue and go out together in the next round, up to MAX_ROUND_RECORDS / MAX_ROUND_BYTES. A round
 * retries what failed retriably (lost connection, leader moved, broker busy) until DELIVERY_TIMEOUT_MS, re-sending
 * each partition's batch with the same producer id and sequence, so the broker writes it once. One round at a
 * time also keeps every partition's sequences in order without per-partition bookkeeping of in-flight batches.
 *
 * Offsets: the broker answers one base offset per partition batch; a record's offset is that plus its index
 * in the batch. Its partition was chosen before it was queued (Partitioner).
 */
import type { Cluster } from '../client/cluster.js';
import { backoffDelay, sleep } from '../client/backoff.js';
import { brokerError, brokerErrorInfo, isRetriableError } from '../client/errors.js';
import type { OutgoingRecord, ProducedRecord } from '../engine/engine.js';
import { recordBytes } from '../engine/record-bytes.js';
import { ClosedError } from '../errors.js';
import { initProducerIdApi } from '../protocol/apis/init-producer-id/index.js';
import { produceApi } from '../protocol/apis/produce/index.js';
import type { ProduceRequest, ProduceResponse } from '../protocol/apis/produce/types.js';
import { encodeRecordBatch } from '../protocol/records/encode.js';
import { ProduceError } from './errors.js';
import {
  type PartitionBatch,
  type PendingCall,
  partitionBatches,
  partitionKey,
  settleFailed,
  settleWritten,
} from './partition-batches.js';
import { Partitioner } from './partitioner.js';
import { ProducerIdentity } from './producer-identity.js';

/**
 * Most records in one round. Larger calls are split into calls of this size, queued in order. Log batches of
 * this size also keep a share consumer's whole-batch acquisition within Kafka's per-partition lock cap.
 */
export const MAX_ROUND_RECORDS = 1000;
/**
 * Most key/value/header bytes in one round. The broker refuses a record batch above the topic's
 * max.message.bytes (1 MiB by default) with MESSAGE_TOO_LARGE, and every call queued behind a round joins
 * the next one: several callers that each stay under the limit (event publishers of four workers in one
 * process, say) must not add up past it.
 */
export const MAX_ROUND_BYTES = 768 * 1024;
/** How long a round keeps retrying before its calls fail with the last error (a broker restart fits). */
export const DELIVERY_TIMEOUT_MS = 60_000;
/**
 * A topic's partition count is re-read this often (partitions only grow, and another process may add some);
 * in between produce() picks partitions from the cached metadata.
 */
const METADATA_MAX_AGE_MS = 10_000;
/** Produce requests have a connection of their own: a share consumer's long polls never delay them. */
const PRODUCE_LANE = 'produce';
/** Broker codes that mean it no longer knows this producer's sequences (or fenced its epoch). */
const LOST_SEQUENCES = new Set([45, 47, 59, 90]);

export interface ProducerOptions {
  /** The connected cluster (connects on first use). */
  cluster: () => Promise<Cluster>;
  requestTimeoutMs: number;
  retryBackoffMs: number;
  retryBackoffMaxMs: number;
}

export class KafkaProducer {
  readonly #options: ProducerOptions;
  readonly #partitioner = new Partitioner();
  readonly #identity: ProducerIdentity;
  #queue: PendingCall[] = [];
  /** When each topic's metadata was last re-read for produce(). */
  readonly #metadataReadAt = new Map<string, number>();
  /** The running send loop, if any; close() waits for it. */
  #pumping: Promise<void> | undefined;
  #closed = false;

  constructor(options: ProducerOptions) {
    this.#options = options;
    this.#identity = new ProducerIdentity(async () => {
      const cluster = await options.cluster();
      const answer = await cluster.send(
        'any',
        initProducerIdApi,
        { transactionalId: null, transactionTimeoutMs: DELIVERY_TIMEOUT_MS },
        { idempotent: true },
      );
      if (answer.errorCode !== 0) throw brokerError(answer.errorCode, 'InitProducerId');
      return { producerId: answer.producerId, producerEpoch: answer.producerEpoch };
    });
  }

  async produce(topic: string, records: readonly OutgoingRecord[]): Promise<ProducedRecord[]> {
    if (this.#closed) throw new ClosedError('KafkaEngine producer');
    if (records.length === 0) return [];
    const partitions = await this.#partitionsOf(topic, records);
    const chunks: Promise<number[]>[] = [];
    // Several rounds, queued together so they go out in order. Like a multi-partition request, a failure
    // may leave earlier chunks written.
    for (let i = 0; i < records.length; i += MAX_ROUND_RECORDS) {
      const end = Math.min(records.length, i + MAX_ROUND_RECORDS);
      const part = i === 0 && end === records.length;
      chunks.push(
        this.#enqueue(
          topic,
          part ? records : records.slice(i, end),
          part ? partitions : partitions.slice(i, end),
        ),
      );
    }
    const offsets =
      chunks.length === 1 ? await (chunks[0] as Promise<number[]>) : (await Promise.all(chunks)).flat();
    const out: ProducedRecord[] = new Array(records.length);
    for (let i = 0; i < records.length; i++) {
      out[i] = { topic, partition: partitions[i] as number, offset: offsets[i] as number };
    }
    return out;
  }

  /**
   * Refuses new calls and waits for the queued ones: each gets its first attempt, and one that fails
   * retriably then fails with that error rather than retrying (a broker that is down must not hold close()
   * for a whole delivery timeout).
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pumping;
  }

  async #partitionsOf(topic: string, records: readonly OutgoingRecord[]): Promise<number[]> {
    const cluster = await this.#options.cluster();
    const now = Date.now();
    const readAt = this.#metadataReadAt.get(topic);
    const stale = readAt === undefined || now - readAt > METADATA_MAX_AGE_MS;
    // First use: metadata() fetches the topic if the cache lacks it; later, a stale entry is re-read.
    if (stale && readAt !== undefined) await cluster.refreshMetadata([topic]);
    let [meta] = await cluster.metadata([topic]);
    if (stale) this.#metadataReadAt.set(topic, now);
    let count = meta?.partitions.length ?? 0;
    // An explicit partition beyond the cached count: the topic may have grown in another process.
    if (records.some((r) => r.partition !== undefined && r.partition >= count)) {
      await cluster.refreshMetadata([topic]);
      [meta] = await cluster.metadata([topic]);
      count = meta?.partitions.length ?? 0;
    }
    const partitions: number[] = new Array(records.length);
    for (let i = 0; i < records.length; i++) {
      partitions[i] = this.#partitioner.partitionOf(topic, records[i] as OutgoingRecord, count);
    }
    return partitions;
  }

  #enqueue(
    topic: string,
    records: readonly OutgoingRecord[],
    partitions: readonly number[],
  ): Promise<number[]> {
    return new Promise<number[]>((resolve, reject) => {
      this.#queue.push({
        topic,
        records,
        partitions,
        bytes: recordsBytes(records),
        offsets: new Array(records.length),
        unwritten: 0,
        settled: false,
        resolve,
        reject,
      });
      this.#pumping ??= this.#pump();
    });
  }

  /**
   * One round at a time; everything queued meanwhile goes in the next one. A round never throws.
   * `#pumping` is cleared in the same tick as the last empty-queue check, so no call can be left unsent.
   */
  async #pump(): Promise<void> {
    try {
      while (this.#queue.length > 0) await this.#round(partitionBatches(this.#takeRound()));
    } finally {
      this.#pumping = undefined;
    }
  }

  /** Queued calls for the next round: at least one, then as many as fit MAX_ROUND_RECORDS and MAX_ROUND_BYTES. */
  #takeRound(): PendingCall[] {
    let records = 0;
    let bytes = 0;
    let n = 0;
    for (const next of this.#queue) {
      if (
        n > 0 &&
        (records + next.records.length > MAX_ROUND_RECORDS || bytes + next.bytes > MAX_ROUND_BYTES)
      ) {
        break;
      }
      records += next.records.length;
      bytes += next.bytes;
      n++;
    }
    return this.#queue.splice(0, n);
  }

  /** Writes every batch of the round, retrying what failed retriably until DELIVERY_TIMEOUT_MS. */
  async #round(batches: PartitionBatch[]): Promise<void> {
    const deadline = Date.now() + DELIVERY_TIMEOUT_MS;
    let open = batches;
    let lastError: unknown;
    for (let attempt = 0; open.length > 0; attempt++) {
      if (attempt > 0) {
        // Closing: what a first attempt could not write fails now instead of retrying for a delivery timeout.
        if (Date.now() >= deadline || this.#closed) {
          for (const batch of open) settleFailed(batch, lastError);
          return;
        }
        await sleep(backoffDelay(attempt, this.#options.retryBackoffMs, this.#options.retryBackoffMaxMs));
      }
      const retry: PartitionBatch[] = [];
      try {
        const cluster = await this.#options.cluster();
        const identity = await this.#identity.ready();
        const byLeader = await leadersOf(cluster, open);
        await Promise.all(
          [...byLeader].map(async ([leader, leaderBatches]) => {
            if (leader < 0) {
              lastError = brokerError(5, `no leader for ${describe(leaderBatches)}`);
              retry.push(...leaderBatches);
              return;
            }
            for (const batch of leaderBatches) this.#stamp(batch, identity);
            try {
              const answer = await cluster.send(leader, produceApi, this.#request(leaderBatches), {
                lane: PRODUCE_LANE,
                idempotent: true,
                timeoutMs: this.#options.requestTimeoutMs + 5_000,
              });
              const failed = await this.#settle(cluster, leaderBatches, answer);
              if (failed) {
                lastError = failed.error;
                retry.push(...failed.batches);
              }
            } catch (error) {
              const topics = [...new Set(leaderBatches.map((b) => b.topic))];
              if (!(await cluster.recoverFrom(error, { topics }))) {
                for (const batch of leaderBatches) settleFailed(batch, error);
                return;
              }
              lastError = error;
              retry.push(...leaderBatches);
            }
          }),
        );
      } catch (error) {
        // No cluster, no producer id, or no metadata for this round: all of it waits for the next attempt.
        if (!isRetriableError(error)) {
          for (const batch of open) settleFailed(batch, error);
          return;
        }
        lastError = error;
        continue;
      }
      open = retry;
    }
  }

  /** Gives a batch its producer id and sequence on first send, and again after the identity was reset. */
  #stamp(batch: PartitionBatch, identity: { producerId: number; producerEpoch: number }): void {
    const current = batch.sequence;
    if (
      current &&
      current.producerId === identity.producerId &&
      current.producerEpoch === identity.producerEpoch
    )
      return;
    batch.sequence = {
      producerId: identity.producerId,
      producerEpoch: identity.producerEpoch,
      baseSequence: this.#identity.take(batch.key, batch.records.length),
    };
  }

  #request(batches: readonly PartitionBatch[]): ProduceRequest {
    const byTopic = new Map<string, ProduceRequest['topicData'][number]>();
    for (const batch of batches) {
      let topic = byTopic.get(batch.topic);
      if (!topic) {
        topic = { name: batch.topic, partitionData: [] };
        byTopic.set(batch.topic, topic);
      }
      const sequence = batch.sequence;
      const records = encodeRecordBatch({
        baseOffset: 0,
        records: batch.records,
        producerId: sequence?.producerId ?? -1,
        producerEpoch: sequence?.producerEpoch ?? -1,
        baseSequence: sequence?.baseSequence ?? -1,
      }).toBuffer();
      topic.partitionData.push({ index: batch.partition, records });
    }
    return {
      transactionalId: null,
      acks: -1,
      timeoutMs: this.#options.requestTimeoutMs,
      topicData: [...byTopic.values()],
    };
  }

  /**
   * Applies a leader's answer: written batches resolve their calls, refused ones fail them, and what may
   * succeed on a retry is returned (with the error that asked for it).
   */
  async #settle(
    cluster: Cluster,
    batches: readonly PartitionBatch[],
    answer: ProduceResponse,
  ): Promise<{ batches: PartitionBatch[]; error: unknown } | undefined> {
    const results = new Map<string, ProduceResponse['responses'][number]['partitionResponses'][number]>();
    for (const topic of answer.responses) {
      for (const partition of topic.partitionResponses)
        results.set(partitionKey(topic.name, partition.index), partition);
    }
    const retry: PartitionBatch[] = [];
    let error: unknown;
    let refresh = false;
    for (const batch of batches) {
      const result = results.get(batch.key);
      if (!result) {
        settleFailed(batch, new ProduceError(`no produce result for ${batch.topic}[${batch.partition}]`));
        continue;
      }
      if (result.errorCode === 0) {
        settleWritten(batch, result.baseOffset);
        continue;
      }
      const refused = brokerError(result.errorCode, refusalDetail(batch, result));
      if (LOST_SEQUENCES.has(result.errorCode)) {
        this.#identity.reset();
        retry.push(batch);
        error = refused;
        continue;
      }
      const info = brokerErrorInfo(result.errorCode);
      if (info.retriable) {
        refresh ||= info.refreshMetadata;
        retry.push(batch);
        error = refused;
        continue;
      }
      if (batch.sequence) this.#identity.giveBack(batch.key, batch.sequence.baseSequence);
      batch.sequence = undefined;
      settleFailed(batch, refused);
    }
    if (refresh) await cluster.refreshMetadata([...new Set(retry.map((b) => b.topic))]).catch(() => {});
    return retry.length > 0 ? { batches: retry, error } : undefined;
  }
}

/**
 * The round's open batches by their partition's leader (-1: none known now). Topics with a partition whose
 * leader is unknown are re-read once, together.
 */
async function leadersOf(
  cluster: Cluster,
  batches: readonly PartitionBatch[],
): Promise<Map<number, PartitionBatch[]>> {
  const leaderless = batches.filter((b) => (cluster.leaderOf(b.topic, b.partition) ?? -1) < 0);
  if (leaderless.length > 0) await cluster.refreshMetadata([...new Set(leaderless.map((b) => b.topic))]);
  const byLeader = new Map<number, PartitionBatch[]>();
  for (const batch of batches) {
    const leader = cluster.leaderOf(batch.topic, batch.partition) ?? -1;
    const list = byLeader.get(leader);
    if (list) list.push(batch);
    else byLeader.set(leader, [batch]);
  }
  return byLeader;
}

function refusalDetail(
  batch: PartitionBatch,
  result: ProduceResponse['responses'][number]['partitionResponses'][number],
): string {
  const records = result.recordErrors
    .map((e) => `record ${e.batchIndex}${e.batchIndexErrorMessage ? `: ${e.batchIndexErrorMessage}` : ''}`)
    .join('; ');
  const message = [result.errorMessage, records].filter(Boolean).join('; ');
  return `produce to ${batch.topic}[${batch.partition}]${message ? `: ${message}` : ''}`;
}

function describe(batches: readonly PartitionBatch[]): string {
  return batches.map((b) => `${b.topic}[${b.partition}]`).join(', ');
}

function recordsBytes(records: readonly OutgoingRecord[]): number {
  let bytes = 0;
  for (const record of records) bytes += recordBytes(record);
  return bytes;
}
