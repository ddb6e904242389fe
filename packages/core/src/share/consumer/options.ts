/**
 * Share consumer options, parsed once at the edge into a frozen, fully-defaulted object.
 * The engine-level ShareConsumerOptions (groupId, topics, clientId) plus tunables of this client.
 */
import { z } from 'zod';
import { parseOptions } from '../../options/parse-options.js';

const schema = z.object({
  groupId: z.string().min(1),
  topics: z.array(z.string().min(1)).min(1),
  clientId: z.string().optional(),
  /** Longest broker-side wait of one ShareFetch; also bounds how long queued acks wait behind a long poll. */
  fetchMaxWaitMs: z.number().int().min(0).max(30_000).default(500),
  /** poll()'s maxWaitMs when the caller gives none. */
  pollMaxWaitMs: z.number().int().min(0).default(5_000),
  /**
   * ShareAcquireMode (v2). 'record_limit' (default) never acquires more than poll() asked for;
   * 'batch_optimized' acquires whole log batches (cheaper for the broker) and buffers the surplus for the
   * next polls, at the cost of lock time and delivery attempts on records nobody asked for yet.
   */
  acquireMode: z.enum(['record_limit', 'batch_optimized']).default('record_limit'),
  minBytes: z.number().int().min(0).default(1),
  maxBytes: z
    .number()
    .int()
    .min(1)
    .default(50 * 1024 * 1024),
  /** How long acks queue when no fetch is due, so a burst of acknowledge() calls shares one ShareAcknowledge. */
  ackLingerMs: z.number().int().min(0).max(100).default(2),
  /**
   * The broker's per-share-partition lock cap (group.share.partition.max.record.locks). Records this
   * consumer holds plus the acks a fetch carries count against it when the fetch acquires, so a fetch
   * asks for at most what fits: above the cap the broker parks the fetch until MaxWaitMs.
   */
  maxRecordLocks: z.number().int().min(1).default(2000),
  /**
   * Above this many queued ack records on a broker, they go first on their own ShareAcknowledge and the
   * fetch follows its answer; at or below, they ride on the fetch (one round trip instead of two). The
   * broker's cost of a request is mostly per request, not per carried ack (a Worker's request log on
   * Kafka 4.4: fetches carrying 425–475 acks took as long as fetches carrying none, 5–15 ms, while a
   * separate ShareAcknowledge of 475 took as long again), so acks ride up to the size of a full window; the
   * lock cap (maxRecordLocks) still bounds what such a fetch may acquire.
   */
  ackSeparatelyAbove: z.number().int().min(0).default(1000),
  /**
   * How long acks may queue before they ride on a fetch. The broker answers a request that carries acks only
   * once it has persisted them (a write through the share coordinator, a few ms, tens under load), and records
   * that arrive meanwhile wait for that write. Riding on every fetch at a steady rate therefore delays most
   * records by it; batching acks delays only those that arrive during one write per batch. A fetch takes the
   * queued acks once the oldest has waited this long or `ackBatchRecords` are queued (0 = every fetch takes
   * them). When no fetch is due they go sooner, on a ShareAcknowledge after `ackLingerMs`.
   * Off by default: an ACCEPT held back is a completion reported that much later (a Worker's `completed`
   * waits for it), and on a quiet broker it bought little start latency. Measured at a steady 1,000 jobs/s
   * (bench `latency`, 2026-12-07): 0 / 20 / 100 ms gave enqueue→start p99 26.3 / 27.3 / 22.8 ms (the produce
   * is most of it) and enqueue→complete p50 12.7 / 24.7 / 65.0 ms.
   */
  ackBatchMs: z.number().int().min(0).max(1_000).default(0),
  /** Queued ack records at which a fetch takes them regardless of ackBatchMs (see there). */
  ackBatchRecords: z.number().int().min(1).default(250),
  /** Client-side timeout of a request, on top of a fetch's MaxWaitMs. */
  requestTimeoutMs: z.number().int().min(100).default(30_000),
  /** How long close() waits for in-flight requests, the ack flush and the leave heartbeat together. */
  closeTimeoutMs: z.number().int().min(0).default(10_000),
  /** Heartbeat interval until the broker tells its own. */
  heartbeatIntervalMs: z.number().int().min(100).default(1_000),
  /** Every answered ShareFetch: its round trip (long-poll wait included) and the records it acquired. */
  onFetch: z
    .custom<(sample: { roundTripMs: number; records: number }) => void>(
      (value) => typeof value === 'function',
    )
    .optional(),
  /** Non-fatal background problems (retried by the consumer itself): connection loss, rejoin, … */
  onError: z.custom<(error: Error) => void>((value) => typeof value === 'function').optional(),
});

export type ShareConsumerConfig = z.input<typeof schema>;
export type ResolvedShareConsumerConfig = Readonly<z.output<typeof schema>>;

export function parseShareConsumerConfig(input: ShareConsumerConfig): ResolvedShareConsumerConfig {
  return Object.freeze(parseOptions(schema, input));
}
