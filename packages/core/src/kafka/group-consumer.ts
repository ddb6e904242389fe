/**
 * Engine.runGroupConsumer on a kafkajs classic consumer group: one owner per partition, records handed to
 * `onRecord` in offset order per partition, offsets committed only past records that are done.
 *
 * Default mode (maxInFlightPerPartition 1), one record at a time per partition:
 *   done            → resolve the offset (committed by kafkajs' auto-commit, and before any rebalance).
 *   retryAt(at)     → pause that partition, seek back to this record (which also commits `offset`, i.e.
 *                     "everything before it is done"), and resume at `at`: the same record comes again.
 *                     Nothing is committed past a record that is not done, so a crash never skips one.
 * A throwing handler is reported through onError and treated like retryAt(now + 1 s). A rejoin waits for
 * the record in onRecord (kafkajs' fetcher waits for its batch), so its verdict always counts.
 *
 * eachBatch (not eachMessage) because eachMessage resolves the offset of a record even when the handler
 * asked to see it again; with manual resolve we commit exactly the records that are done.
 *
 * Windowed mode (above 1): see windowed-consumption.ts. Both modes hand each record with its partition's
 * ownership signal (partition-ownership.ts), aborted on rebalance loss, crash and close.
 *
 * beforeRejoin (key-ordered queues): on REBALANCING the member's next JoinGroup is held (rejoin-gate.ts)
 * until beforeRejoin settles and what is done is committed, bounded by REJOIN_DRAIN_MS; past that bound
 * every record of this member is given up before it rejoins. afterJoin follows each completed join.
 */
import type { Admin, Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import {
  type GroupConsumerOptions,
  type GroupVerdict,
  REJOIN_DRAIN_MS,
  type Subscription,
} from '../engine/engine.js';
import { reportUnheardError } from '../emitter/unheard-errors.js';
import { SharqError, ValidationError } from '../errors.js';
import { fromKafkajs } from './kafkajs-errors.js';
import { fromKafkajsMessage } from './kafkajs-message.js';
import { PartitionOwnership } from './partition-ownership.js';
import { holdNextRejoin, installRejoinGate } from './rejoin-gate.js';
import { type CommittedPosition, WindowedConsumption } from './windowed-consumption.js';

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
/** Backoff between replacements of a crashed consumer. */
const RESTART_MIN_MS = 500;
const RESTART_MAX_MS = 10_000;

export function runGroupConsumer(kafka: Kafka, options: GroupConsumerOptions): Subscription {
  const max = options.maxInFlightPerPartition ?? 1;
  if (!Number.isSafeInteger(max) || max < 1) {
    const message = `maxInFlightPerPartition must be a whole number ≥ 1 (got ${max})`;
    throw new ValidationError(message, [{ path: 'maxInFlightPerPartition', message }]);
  }
  const beforeRejoin = options.beforeRejoin;
  if (beforeRejoin) installRejoinGate();
  const timers = new Set<NodeJS.Timeout>();
  const ownership = new PartitionOwnership();
  let closed = false;
  let consumer: Consumer | undefined;
  let windowed: WindowedConsumption | undefined;
  let generation: Promise<void> = Promise.resolve();
  let restartDelayMs = RESTART_MIN_MS;
  /** True while close() makes the windowed mode's final commit: its failure (re-runs ahead) is still heard. */
  let finalCommit = false;
  const report = (error: unknown): void => {
    if (closed && !finalCommit) return;
    const err = fromKafkajs(error, 'group consumer', (m) => new SharqError('GROUP_CONSUMER', m));
    if (options.onError) options.onError(err);
    else reportUnheardError({ emitter: 'group consumer' }, err);
  };

  const scheduleResume = (current: Consumer, topic: string, partition: number, at: number): void => {
    const timer = setTimeout(
      () => {
        timers.delete(timer);
        if (!closed && consumer === current) current.resume([{ topic, partitions: [partition] }]);
      },
      Math.max(0, at - Date.now()),
    );
    timers.add(timer);
  };

  const eachBatchOf =
    (current: Consumer) =>
    async ({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload) => {
      const { topic, partition } = batch;
      for (const message of batch.messages) {
        if (!isRunning() || isStale() || closed) return;
        let verdict: GroupVerdict;
        const lease = ownership.lease(topic, partition);
        try {
          verdict = await options.onRecord(fromKafkajsMessage(topic, partition, message), lease.signal);
        } catch (error) {
          report(error);
          verdict = { kind: 'retryAt', at: Date.now() + ERROR_RETRY_MS };
        } finally {
          lease.release();
        }
        if (verdict.kind === 'done') {
          resolveOffset(message.offset);
          restartDelayMs = RESTART_MIN_MS;
          await heartbeat();
          continue;
        }
        current.pause([{ topic, partitions: [partition] }]);
        current.seek({ topic, partition, offset: message.offset });
        scheduleResume(current, topic, partition, verdict.at);
        return;
      }
    };

  /**
   * kafkajs restarts its consumer after retriable crashes only; after a non-retriable one (e.g. ECONNREFUSED
   * through a whole broker restart) it stays stopped, and delayed jobs would never move again. So any crash
   * without a kafkajs restart, and any failed start, replaces the consumer after a backoff.
   */
  const replaceLater = (failed: Consumer): void => {
    if (closed || consumer !== failed) return;
    const delay = restartDelayMs;
    restartDelayMs = Math.min(restartDelayMs * 2, RESTART_MAX_MS);
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (closed || consumer !== failed) return;
      generation = failed
        .disconnect()
        .catch(() => undefined)
        .then(() => start());
    }, delay);
    timers.add(timer);
  };

  /** Windowed: the admin that reads gained partitions' committed metadata (done records to skip). */
  let admin: { client: Admin; connected: Promise<void> } | undefined;
  const readCommitted = async (topic: string): Promise<CommittedPosition[]> => {
    if (!admin) {
      const client = kafka.admin();
      admin = { client, connected: client.connect() };
    }
    const { client, connected } = admin;
    try {
      await connected;
    } catch (error) {
      // The next gained partition tries a new admin; this one re-runs what it would have skipped.
      admin = undefined;
      void client.disconnect().catch(() => undefined);
      throw error;
    }
    const [read] = await client.fetchOffsets({ groupId: options.groupId, topics: [topic] });
    return read?.partitions ?? [];
  };

  /** Never rejects, and is bounded by REJOIN_DRAIN_MS: the gate must always let kafkajs rejoin. */
  const drain = async (
    current: Consumer,
    window: WindowedConsumption | undefined,
    before: () => Promise<void>,
  ): Promise<void> => {
    if (closed || consumer !== current) return;
    let timer: NodeJS.Timeout | undefined;
    const drained = await Promise.race([
      before()
        .catch((error: unknown) => report(error))
        // What finished during the drain is committed before the next owner reads the committed offset.
        .then(() => window?.flush())
        .then(() => true),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), REJOIN_DRAIN_MS);
      }),
    ]);
    clearTimeout(timer);
    if (drained) return;
    // Still running: give them up, so no verdict of ours counts once another member may own them.
    ownership.loseAll();
    window?.loseAll();
    report(
      new SharqError(
        'REJOIN_DRAIN_TIMEOUT',
        `records still in progress ${REJOIN_DRAIN_MS} ms into a rebalance were given up: their partitions' next owners run them again, possibly while they still run here`,
      ),
    );
  };

  const start = async (): Promise<void> => {
    if (closed) return;
    const current = kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: MAX_WAIT_MS,
      sessionTimeout: SESSION_TIMEOUT_MS,
      rebalanceTimeout: SESSION_TIMEOUT_MS,
      heartbeatInterval: HEARTBEAT_INTERVAL_MS,
    });
    consumer = current;
    const window =
      max > 1
        ? new WindowedConsumption(current, ownership, {
            max,
            onRecord: options.onRecord,
            report,
            readCommitted,
          })
        : undefined;
    windowed = window;
    // Emitted synchronously at the end of each join, before the first fetch of the new generation.
    current.on(current.events.GROUP_JOIN, (event) => {
      restartDelayMs = RESTART_MIN_MS;
      const change = ownership.assign(event.payload.memberAssignment);
      window?.onJoin(change);
      options.afterJoin?.();
    });
    if (beforeRejoin) {
      // Emitted synchronously right before kafkajs' joinAndSync, which the gate then holds.
      current.on(current.events.REBALANCING, (event) => {
        const { groupId, memberId } = event.payload;
        holdNextRejoin(groupId, memberId, () => drain(current, window, beforeRejoin));
      });
    }
    current.on(current.events.CRASH, (event) => {
      // kafkajs has left the group by now: whatever we held goes to the next owner.
      ownership.loseAll();
      window?.loseAll();
      report(event.payload.error);
      if (!event.payload.restart) replaceLater(current);
    });
    try {
      await current.connect();
      await current.subscribe({ topics: options.topics, fromBeginning: true });
      await current.run({
        // Windowed: we commit the contiguous done prefix ourselves; kafkajs must commit nothing.
        autoCommit: !window,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: PARTITIONS_CONCURRENTLY,
        eachBatch: window ? window.eachBatch : eachBatchOf(current),
      });
    } catch (error) {
      report(error);
      replaceLater(current);
    }
  };
  generation = start();

  return {
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      ownership.loseAll();
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await generation.catch(() => undefined);
      // Windowed: commit what is done while still a member; then leave.
      finalCommit = true;
      try {
        await windowed?.close();
      } finally {
        finalCommit = false;
      }
      await consumer?.disconnect().catch(() => undefined);
      await admin?.client.disconnect().catch(() => undefined);
    },
  };
}
