/**
 * Engine.runGroupConsumer on a kafkajs classic consumer group: one owner per partition, records handed to
 * `onRecord` one at a time per partition in offset order, offsets committed only past records that are done.
 *
 * Verdicts:
 *   done            → resolve the offset (committed by kafkajs' auto-commit, and before any rebalance).
 *   retryAt(at)     → pause that partition, seek back to this record (which also commits `offset`, i.e.
 *                     "everything before it is done"), and resume at `at`: the same record comes again.
 *                     Nothing is committed past a record that is not done, so a crash never skips one.
 * A throwing handler is reported through onError and treated like retryAt(now + 1 s).
 *
 * eachBatch (not eachMessage) because eachMessage resolves the offset of a record even when the handler
 * asked to see it again; with manual resolve we commit exactly the records that are done.
 */
import type { EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import type {
  GroupConsumerOptions,
  GroupVerdict,
  Headers,
  StoredRecord,
  Subscription,
} from '../engine/engine.js';

const ERROR_RETRY_MS = 1000;
/** Partitions processed at the same time: one slow partition must not stall the others. */
const PARTITIONS_CONCURRENTLY = 16;
/**
 * kafkajs uses this both as the broker long-poll wait and as its sleep when every assigned partition is
 * paused, so it bounds how late a paused partition resumes: the delay buckets need due records within ~1 s.
 */
const MAX_WAIT_MS = 250;
/**
 * kafkajs' 30 s default means a dead member stalls everyone's rebalance (and close()) for ~30 s; 10 s
 * (the broker's minimum is 6 s) bounds how long delayed jobs wait after a worker crash.
 */
const SESSION_TIMEOUT_MS = 10_000;
const HEARTBEAT_INTERVAL_MS = 1_000;

export function runGroupConsumer(kafka: Kafka, options: GroupConsumerOptions): Subscription {
  const consumer = kafka.consumer({
    groupId: options.groupId,
    allowAutoTopicCreation: false,
    maxWaitTimeInMs: MAX_WAIT_MS,
    sessionTimeout: SESSION_TIMEOUT_MS,
    rebalanceTimeout: SESSION_TIMEOUT_MS,
    heartbeatInterval: HEARTBEAT_INTERVAL_MS,
  });
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;
  const report = (error: unknown): void => {
    if (closed) return;
    options.onError?.(error instanceof Error ? error : new Error(String(error)));
  };

  const scheduleResume = (topic: string, partition: number, at: number): void => {
    const timer = setTimeout(
      () => {
        timers.delete(timer);
        if (!closed) consumer.resume([{ topic, partitions: [partition] }]);
      },
      Math.max(0, at - Date.now()),
    );
    timers.add(timer);
  };

  const eachBatch = async ({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload) => {
    const { topic, partition } = batch;
    for (const message of batch.messages) {
      if (!isRunning() || isStale() || closed) return;
      let verdict: GroupVerdict;
      try {
        verdict = await options.onRecord(toStored(topic, partition, message));
      } catch (error) {
        report(error);
        verdict = { kind: 'retryAt', at: Date.now() + ERROR_RETRY_MS };
      }
      if (verdict.kind === 'done') {
        resolveOffset(message.offset);
        await heartbeat();
        continue;
      }
      consumer.pause([{ topic, partitions: [partition] }]);
      consumer.seek({ topic, partition, offset: message.offset });
      scheduleResume(topic, partition, verdict.at);
      return;
    }
  };

  const started = (async () => {
    await consumer.connect();
    await consumer.subscribe({ topics: options.topics, fromBeginning: true });
    await consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: PARTITIONS_CONCURRENTLY,
      eachBatch,
    });
  })();
  started.catch(report);
  consumer.on(consumer.events.CRASH, (event) => report(event.payload.error));

  return {
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await started.catch(() => undefined);
      await consumer.disconnect();
    },
  };
}

function toStored(topic: string, partition: number, m: KafkaMessage): StoredRecord {
  const headers: Headers = {};
  for (const [k, v] of Object.entries(m.headers ?? {})) {
    if (v === undefined) continue;
    // Kafka allows repeated header keys; the engine contract keeps the last one.
    const last = Array.isArray(v) ? v[v.length - 1] : v;
    if (last !== undefined) headers[k] = Buffer.isBuffer(last) ? last : Buffer.from(last);
  }
  return {
    topic,
    partition,
    offset: Number(m.offset),
    key: m.key ?? null,
    value: m.value ?? null,
    headers,
    timestamp: Number(m.timestamp),
  };
}
