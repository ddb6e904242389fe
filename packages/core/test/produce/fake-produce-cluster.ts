/**
 * A Cluster as KafkaProducer uses it (metadata, refreshMetadata, leaderOf, send, recoverFrom), in memory.
 * Produce requests are kept with their record batches decoded; every partition is a log of its own whose
 * base offsets the fake hands out. Tests script partition error codes, thrown sends and a gate that holds a
 * produce request (a round in flight) until released.
 */
import type { ApiFamily } from '../../src/protocol/api.js';
import type { Cluster } from '../../src/client/cluster.js';
import type { ClusterTopic } from '../../src/client/metadata-cache.js';
import { brokerError } from '../../src/client/errors.js';
import { ConnectionError } from '../../src/errors.js';
import { initProducerIdApi } from '../../src/protocol/apis/init-producer-id/index.js';
import type {
  InitProducerIdRequest,
  InitProducerIdResponse,
} from '../../src/protocol/apis/init-producer-id/types.js';
import { produceApi } from '../../src/protocol/apis/produce/index.js';
import type { ProduceRequest, ProduceResponse } from '../../src/protocol/apis/produce/types.js';
import { decodeRecordBatches } from '../../src/protocol/records/decode.js';
import type { KafkaRecord, RecordBatch } from '../../src/protocol/records/types.js';

/** One partition's batch of a produce request, decoded. */
export interface SentBatch {
  topic: string;
  partition: number;
  batch: RecordBatch;
  /** The code the fake answered for it (0: written). */
  answered?: number;
  /** Set when written. */
  baseOffset?: number;
}

export interface SentProduce {
  leader: number;
  request: ProduceRequest;
  batches: SentBatch[];
  opts: unknown;
}

export interface FakeProduceClusterOptions {
  /** Topic name → number of partitions. */
  topics?: Record<string, number>;
  /** First offset of every partition's log (default 0); a non-zero start makes base-offset arithmetic visible. */
  firstOffset?: (topic: string, partition: number) => number;
}

const key = (topic: string, partition: number) => `${topic}/${partition}`;

export class FakeProduceCluster {
  readonly topics = new Map<string, { partitions: number; leaders: number[] }>();
  readonly produces: SentProduce[] = [];
  readonly initProducerIds: InitProducerIdRequest[] = [];
  readonly refreshes: (string[] | undefined)[] = [];
  readonly recovered: unknown[] = [];
  /** Per partition: the records written, at index (offset - firstOffset). */
  readonly logs = new Map<string, { first: number; records: KafkaRecord[] }>();
  /** Per partition: error codes answered to the next produce batches (one per batch), then 0. */
  readonly scripted = new Map<string, number[]>();
  /** Per partition: an error code answered to every batch from now on (a retriable error that never clears). */
  readonly always = new Map<string, number>();
  /** Errors thrown by the next produce sends, one per send. */
  readonly throwOnProduce: unknown[] = [];
  /** Errors thrown by the next InitProducerId sends, one per send. */
  readonly throwOnInit: unknown[] = [];
  /** What recoverFrom answers (default: true for a ConnectionError, like the real cluster). */
  recoverAnswer: ((error: unknown) => boolean) | undefined;
  #nextProducerId = 1000;
  #gate: Promise<void> | undefined;
  #release: (() => void) | undefined;
  #firstOffset: (topic: string, partition: number) => number;

  constructor(options: FakeProduceClusterOptions = {}) {
    for (const [name, partitions] of Object.entries(options.topics ?? {})) this.addTopic(name, partitions);
    this.#firstOffset = options.firstOffset ?? (() => 0);
  }

  addTopic(name: string, partitions: number, leaders?: number[]): void {
    this.topics.set(name, {
      partitions,
      leaders: leaders ?? Array.from({ length: partitions }, (_, p) => p % 2),
    });
  }

  get cluster(): () => Promise<Cluster> {
    return async () => this as unknown as Cluster;
  }

  /** Produce requests sent from now on wait (after being recorded) until release(). */
  hold(): void {
    this.#gate = new Promise((resolve) => {
      this.#release = resolve;
    });
  }

  release(): void {
    const release = this.#release;
    this.#gate = undefined;
    this.#release = undefined;
    release?.();
  }

  script(topic: string, partition: number, ...codes: number[]): void {
    this.scripted.set(key(topic, partition), [...(this.scripted.get(key(topic, partition)) ?? []), ...codes]);
  }

  /** Every batch sent to one partition, in order. */
  batchesOf(topic: string, partition: number): SentBatch[] {
    return this.produces.flatMap((p) =>
      p.batches.filter((b) => b.topic === topic && b.partition === partition),
    );
  }

  /** The record written at a partition's offset. */
  recordAt(topic: string, partition: number, offset: number): KafkaRecord | undefined {
    const log = this.logs.get(key(topic, partition));
    return log?.records[offset - log.first];
  }

  // --- what KafkaProducer calls ---

  async metadata(names: string[]): Promise<ClusterTopic[]> {
    return names.map((name) => {
      const topic = this.topics.get(name);
      if (!topic) throw brokerError(3, `topic ${name}`);
      return {
        name,
        topicId: `id-${name}`,
        partitions: topic.leaders.map((leaderId, partition) => ({ partition, leaderId, leaderEpoch: 0 })),
      };
    });
  }

  async refreshMetadata(names?: string[]): Promise<void> {
    this.refreshes.push(names);
  }

  leaderOf(topic: string, partition: number): number | undefined {
    return this.topics.get(topic)?.leaders[partition];
  }

  async recoverFrom(error: unknown): Promise<boolean> {
    this.recovered.push(error);
    return this.recoverAnswer ? this.recoverAnswer(error) : error instanceof ConnectionError;
  }

  async send<Req, Res>(
    target: number | 'any',
    api: ApiFamily<Req, Res>,
    req: Req,
    opts?: unknown,
  ): Promise<Res> {
    if ((api as unknown) === initProducerIdApi) {
      this.initProducerIds.push(req as InitProducerIdRequest);
      const thrown = this.throwOnInit.shift();
      if (thrown !== undefined) throw thrown;
      const answer: InitProducerIdResponse = {
        throttleTimeMs: 0,
        errorCode: 0,
        producerId: this.#nextProducerId++,
        producerEpoch: 0,
      };
      return answer as Res;
    }
    if ((api as unknown) !== produceApi) throw new Error(`fake cluster: unexpected api ${api.name}`);
    const request = req as ProduceRequest;
    const sent: SentProduce = { leader: target as number, request, batches: [], opts };
    for (const topic of request.topicData) {
      for (const data of topic.partitionData) {
        const batches = decodeRecordBatches(data.records as Buffer);
        if (batches.length !== 1) throw new Error(`fake cluster: ${batches.length} batches in one partition`);
        sent.batches.push({ topic: topic.name, partition: data.index, batch: batches[0] as RecordBatch });
      }
    }
    this.produces.push(sent);
    if (this.#gate) await this.#gate;
    const thrown = this.throwOnProduce.shift();
    if (thrown !== undefined) throw thrown;
    const answer: ProduceResponse = { throttleTimeMs: 0, responses: [] };
    for (const topic of request.topicData) {
      const partitionResponses = topic.partitionData.map((data) => {
        const k = key(topic.name, data.index);
        const sentBatch = sent.batches.find((b) => b.topic === topic.name && b.partition === data.index)!;
        const errorCode = this.always.get(k) ?? this.scripted.get(k)?.shift() ?? 0;
        sentBatch.answered = errorCode;
        let baseOffset = -1;
        if (errorCode === 0) {
          let log = this.logs.get(k);
          if (!log) {
            log = { first: this.#firstOffset(topic.name, data.index), records: [] };
            this.logs.set(k, log);
          }
          baseOffset = log.first + log.records.length;
          log.records.push(...sentBatch.batch.records);
          sentBatch.baseOffset = baseOffset;
        }
        return {
          index: data.index,
          errorCode,
          baseOffset,
          logAppendTimeMs: -1,
          logStartOffset: 0,
          recordErrors: [],
          errorMessage: null,
        };
      });
      answer.responses.push({ name: topic.name, partitionResponses });
    }
    return answer as Res;
  }
}
