/**
 * The engine contract: what the job layer needs from a share-group store.
 *
 * Two implementations: the Kafka engine (our KIP-932 client + kafkajs for produce/admin)
 * and the embedded engine (in-process, same share-partition semantics). The job layer
 * knows nothing else, so every queue/worker behaviour runs on both.
 *
 * Offsets are JavaScript numbers: exact up to 2^53, far beyond any real partition.
 */

/** How a consumer settles an acquired record (KIP-932 AcknowledgeType, GAP is internal to the engines). */
export type AckType = 'accept' | 'release' | 'reject' | 'renew';

export type Headers = Record<string, Buffer>;

export interface OutgoingRecord {
  key?: Buffer | string | null;
  value: Buffer | string | null;
  headers?: Record<string, Buffer | string>;
  /** Explicit partition; otherwise the engine picks (key hash, else round-robin/sticky). */
  partition?: number;
  /** Epoch ms; defaults to now. */
  timestamp?: number;
}

export interface ProducedRecord {
  topic: string;
  partition: number;
  offset: number;
}

/** A record as stored in a topic (plain read, no share-group state). */
export interface StoredRecord {
  topic: string;
  partition: number;
  offset: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: Headers;
  timestamp: number;
}

/** A record acquired by a share consumer: it is ours until `lockExpiresAt` or until we acknowledge it. */
export interface DeliveredRecord extends StoredRecord {
  /** 1 on first delivery; the broker's DeliveryCount. */
  deliveryCount: number;
  /** Epoch ms when the acquisition lock lapses (the visibility timeout). */
  lockExpiresAt: number;
}

export interface RecordRef {
  topic: string;
  partition: number;
  offset: number;
}

export interface TopicSpec {
  name: string;
  partitions: number;
  /** Topic-level configs, e.g. { 'cleanup.policy': 'compact' }. */
  configs?: Record<string, string>;
}

/** Share-group settings; each maps to a group-level dynamic config on Kafka. */
export interface ShareGroupConfig {
  /** share.record.lock.duration.ms */
  lockDurationMs?: number;
  /** share.delivery.count.limit */
  deliveryCountLimit?: number;
  /** share.auto.offset.reset; Sharq's default is 'earliest' so no job produced before the first worker is skipped. */
  autoOffsetReset?: 'earliest' | 'latest';
  /** errors.deadletterqueue.topic.name (Kafka 4.4, share.version=2): where the broker writes records it archives. */
  deadLetterTopic?: string;
  /** errors.deadletterqueue.copy.record.enable */
  deadLetterCopyRecord?: boolean;
  /** share.heartbeat.interval.ms */
  heartbeatIntervalMs?: number;
  /** share.session.timeout.ms */
  sessionTimeoutMs?: number;
}

/**
 * What the store behind an engine supports where Kafka releases differ (README: compatibility table).
 * The embedded engine has no capabilities() and behaves like Kafka 4.4 with share.version=2.
 */
export interface EngineCapabilities {
  /** RENEW (lock renewal that costs no delivery): ShareFetch/ShareAcknowledge v2, Kafka 4.2+. */
  renew: boolean;
  /** Per-group share.delivery.count.limit and share.partition.max.record.locks (KIP-1240, Kafka 4.3+). */
  groupLimits: boolean;
  /** The broker dead-letters what it archives on its own (KIP-1191, Kafka 4.4 with share.version=2). */
  brokerDlq: boolean;
  /** Broker-wide group.share.delivery.count.limit: every group's limit without groupLimits, else the default. */
  defaultDeliveryCountLimit: number;
  /** Broker-wide group.share.partition.max.record.locks: the per-partition in-flight cap, likewise. */
  defaultMaxRecordLocks: number;
  /** One line for logs and errors, e.g. "share.version=1, ShareFetch v2, group limits, no broker DLQ". */
  summary: string;
}

export interface ShareConsumerOptions {
  groupId: string;
  topics: string[];
  /** Shown in group descriptions. */
  clientId?: string;
  /**
   * Told of every answered ShareFetch (metrics). The embedded engine has no broker round trip and never
   * calls it.
   */
  onFetch?: (sample: FetchSample) => void;
}

/** One answered ShareFetch: how long it took (long-poll wait included) and how many records it acquired. */
export interface FetchSample {
  roundTripMs: number;
  records: number;
}

export interface PollOptions {
  /** Long-poll bound: resolve with [] if nothing arrives in this time. */
  maxWaitMs?: number;
  signal?: AbortSignal;
  /**
   * 'exact' (default): never more than maxRecords. 'batches': the engine may acquire whole stored batches
   * around what was asked, and this poll then returns all of them, maxRecords or more; the caller holds
   * (and renews) every one. On Kafka that is ShareAcquireMode batch_optimized, which cost the broker ~35 %
   * less CPU per record than record_limit (a Worker draining 100k jobs, 4.4.0). An engine that acquires
   * exactly anyway ignores it.
   */
  acquire?: 'exact' | 'batches';
}

export interface ShareConsumer {
  readonly memberId: string;
  /**
   * Acquire at most `maxRecords` records (never more: acquired records burn lock time
   * and delivery attempts). Resolves as soon as at least one is available, or with []
   * after `maxWaitMs`.
   */
  poll(maxRecords: number, options?: PollOptions): Promise<DeliveredRecord[]>;
  /**
   * Settle one record. Acknowledgements are batched into offset ranges and sent with the
   * next fetch or a ShareAcknowledge shortly after. Resolves when the broker confirmed;
   * rejects with an AcknowledgeError (code e.g. 'INVALID_RECORD_STATE' if the lock had expired).
   * 'renew' restarts the lock and resolves with the new lock expiry.
   */
  acknowledge(record: RecordRef, type: AckType): Promise<AckReceipt>;
  /**
   * The first half of close(), for a caller that settles what it holds itself: no fetch goes out any more
   * (poll() throws ClosedError), and this resolves, once the fetches in flight have landed, with every record
   * they acquired that no poll took. Those stay locked and acknowledgeable until close(), which would
   * otherwise RELEASE them (a delivery attempt each). Optional: an engine whose poll acquires nothing
   * after it returned has nothing to hand over.
   */
  stopFetching?(): Promise<DeliveredRecord[]>;
  /**
   * Join the group now, acquiring nothing, and resolve true once partitions are assigned (false if
   * `timeoutMs` passed first; the consumer keeps trying). poll() joins by itself; this lets a caller take the
   * join out of its first poll (a Kafka share-group member waits about a second for its first assignment).
   * Optional: an engine without a group protocol is ready at once.
   */
  join?(timeoutMs: number): Promise<boolean>;
  /** Flush acknowledgements, release everything still held, leave the group. */
  close(): Promise<void>;
}

export interface AckReceipt {
  /** For 'renew': the new lock expiry (epoch ms). */
  lockExpiresAt?: number;
}

export interface PartitionLag {
  topic: string;
  partition: number;
  /** SPSO: every offset below it is settled. */
  startOffset: number;
  /** Log end offset (high watermark). */
  endOffset: number;
  /** Records at or above SPSO not yet settled (the broker's Lag on Kafka). */
  lag: number;
}

export interface ShareGroupMember {
  memberId: string;
  clientId: string;
  clientHost: string;
  assignment: { topic: string; partitions: number[] }[];
}

export interface ShareGroupDescription {
  groupId: string;
  state: string;
  members: ShareGroupMember[];
}

export interface ReadOptions {
  /** Per partition start offset; default: earliest. */
  fromOffsets?: Record<number, number>;
  /** Stop after this many records in total. */
  limit?: number;
}

export interface TailOptions {
  from: 'earliest' | 'latest';
}

export interface Subscription {
  close(): Promise<void>;
}

/** What a group-consumer handler decides for one record. */
export type GroupVerdict =
  /** Processed: commit past it. */
  | { kind: 'done' }
  /** Not yet due: pause this partition and hand this same record again at `at` (epoch ms). */
  | { kind: 'retryAt'; at: number };

export interface GroupConsumerOptions {
  groupId: string;
  topics: string[];
  /**
   * Called in offset order per partition; by default one record at a time per partition (see
   * maxInFlightPerPartition). `ownership` (one signal per record) aborts when this member loses the
   * record's partition (rebalance, close, a crashed Kafka consumer): the record will be handed to the
   * partition's next owner, and a verdict given after that is ignored. In the default mode a partition
   * changes hands only between records (a rebalance waits for the record in onRecord, as kafkajs' does), so
   * there the signal only asks the handler to hurry on close, and its verdict still counts.
   */
  onRecord: (record: StoredRecord, ownership: AbortSignal) => Promise<GroupVerdict>;
  /** Reported, never thrown: the consumer keeps going. */
  onError?: (error: Error) => void;
  /**
   * How many records of one partition may be in onRecord at once (default 1). Above 1, records are handed
   * in offset order without waiting for earlier verdicts, up to this many not yet done per partition (the
   * partition is paused while the window is full), and the committed offset is always the first record not
   * yet done, so a crash hands every unfinished record to the next owner and skips none. In this mode only
   * 'done' is a verdict: the caller keeps a record it wants again (key-ordered jobs retry in place), and a
   * 'retryAt' verdict or a throwing handler is reported through onError and the record handed again after
   * a second.
   */
  maxInFlightPerPartition?: number;
  /**
   * A rebalance is starting and this member holds partitions: it rejoins (and so lets the group hand its
   * partitions to others) only once this promise settles, so a caller that starts nothing new from here
   * on and resolves when its started records are finished is sure no other member starts a record of
   * these partitions before then. Bounded by REJOIN_DRAIN_MS: past it, every record of this member is
   * given up (ownership signals abort, verdicts are ignored, the records go to the next owners) and the
   * member rejoins. Records keep their ownership until the join says which partitions moved.
   */
  beforeRejoin?: () => Promise<void>;
  /** The join after beforeRejoin completed (lost partitions' signals have aborted): start records again. */
  afterJoin?: () => void;
}

/**
 * How long a member waits for beforeRejoin before giving up its records and rejoining: half of the
 * Kafka engine's session and rebalance timeouts (10 s), so the broker never drops a draining member.
 */
export const REJOIN_DRAIN_MS = 5_000;

export interface Engine {
  readonly kind: 'kafka' | 'embedded';
  /** Create the topic if missing (idempotent; never shrinks). */
  ensureTopic(spec: TopicSpec): Promise<void>;
  /** Number of partitions, or undefined if the topic does not exist. */
  partitionCount(topic: string): Promise<number | undefined>;
  /** Set share-group configs (only the given keys). */
  configureShareGroup(groupId: string, config: ShareGroupConfig): Promise<void>;
  /**
   * What the store supports where Kafka releases differ, detected once per engine. Absent (the embedded
   * engine): everything, like Kafka 4.4 with share.version=2.
   */
  capabilities?(): Promise<EngineCapabilities>;
  /** Append records in one batch; resolves when durably written (acks=all on Kafka). */
  produce(topic: string, records: OutgoingRecord[]): Promise<ProducedRecord[]>;
  createShareConsumer(options: ShareConsumerOptions): ShareConsumer;
  describeShareGroup(groupId: string): Promise<ShareGroupDescription>;
  describeShareGroupOffsets(groupId: string, topics: string[]): Promise<PartitionLag[]>;
  /** Read records from a topic without any group (DLQ listing, replay). */
  readTopic(topic: string, options?: ReadOptions): Promise<StoredRecord[]>;
  /** Follow a topic from its start or end, all partitions, no group: every subscriber sees every record. */
  tail(topic: string, options: TailOptions, onRecords: (records: StoredRecord[]) => void): Subscription;
  /**
   * A classic consumer group (one owner per partition, committed offsets). Sharq uses it
   * only where order matters more than parallelism: the delay buckets, which wait on their head.
   */
  runGroupConsumer(options: GroupConsumerOptions): Subscription;
  /**
   * A classic group's committed position per partition of `topics`: startOffset is the committed offset
   * (the log start when nothing is committed), lag = endOffset − startOffset. Key-ordered queues count
   * their waiting jobs with it.
   */
  describeGroupOffsets(groupId: string, topics: string[]): Promise<PartitionLag[]>;
  /** Remove every record of a topic below each partition's current end (DLQ purge). */
  truncateTopic(topic: string): Promise<void>;
  close(): Promise<void>;
}
