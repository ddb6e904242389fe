/**
 * A queue's consumption mode, recorded on its control topic (see ../control/control-topic.ts) under the key
 * "ordering", value { v: 1, ordering: 'key', at, by }. Only 'key' is ever written: a queue without the record
 * is a share-group queue, as every queue was before key-ordered queues existed, so existing queues need no
 * migration and a share-group Queue costs nothing.
 *
 * Written by a key-ordered Queue when it provisions the queue and by a key-ordered Worker at start (workers
 * often start before any producer). Read by every Worker at start: a worker of the other mode would consume
 * the same topic through another group and silently break (or duplicate) the order, so it is refused with
 * a QueueOrderingMismatchError naming the fix.
 */
import type { Engine, OutgoingRecord, StoredRecord } from '../../engine/engine.js';
import { SharqError } from '../../errors.js';
import { provisionControlTopics } from '../control/provision-control.js';
import type { QueueTopology } from '../topology.js';

/** 'share' (default): jobs go to any free worker, no order. 'key': jobs of one orderingKey run one at a time in add order. */
export type QueueOrdering = 'share' | 'key';

export interface OrderingRecord {
  v: 1;
  ordering: 'key';
  /** Epoch ms it was recorded. */
  at: number;
  /** Who recorded it: "queue" or "worker:<id>". */
  by: string;
}

const ORDERING_KEY = 'ordering';

export function encodeOrderingRecord(record: OrderingRecord): OutgoingRecord {
  return { key: ORDERING_KEY, value: JSON.stringify(record) };
}

/** The ordering record a stored control record carries, or undefined (other keys, garbled values). */
export function decodeOrderingRecord(
  record: Pick<StoredRecord, 'key' | 'value'>,
): OrderingRecord | undefined {
  if (record.key?.toString('utf8') !== ORDERING_KEY || record.value === null) return undefined;
  try {
    const parsed = JSON.parse(record.value.toString('utf8')) as Partial<OrderingRecord>;
    if (parsed.v === 1 && parsed.ordering === 'key' && typeof parsed.at === 'number')
      return { v: 1, ordering: 'key', at: parsed.at, by: typeof parsed.by === 'string' ? parsed.by : '' };
  } catch {
    // Not ours: ignored.
  }
  return undefined;
}

/**
 * The recorded mode of a queue: the ordering record if any, else undefined (a share-group queue). Creates
 * nothing (the dashboard reads it too): no control topic means nothing recorded.
 */
export async function readQueueOrdering(
  engine: Engine,
  topology: QueueTopology,
): Promise<OrderingRecord | undefined> {
  if ((await engine.partitionCount(topology.controlTopic)) === undefined) return undefined;
  let found: OrderingRecord | undefined;
  for (const record of await engine.readTopic(topology.controlTopic)) {
    found = decodeOrderingRecord(record) ?? found;
  }
  return found;
}

/** Records the queue as key-ordered unless it already is; returns the record now in force. */
export async function recordKeyOrdering(
  engine: Engine,
  topology: QueueTopology,
  by: string,
): Promise<OrderingRecord> {
  await provisionControlTopics(engine, topology);
  const existing = await readQueueOrdering(engine, topology);
  if (existing) return existing;
  const record: OrderingRecord = { v: 1, ordering: 'key', at: Date.now(), by };
  await engine.produce(topology.controlTopic, [encodeOrderingRecord(record)]);
  return record;
}

/**
 * A Worker of one mode started on a queue of the other. Not retriable (`retriable = false`): a worker's
 * start-up stops at once instead of retrying.
 */
export class QueueOrderingMismatchError extends SharqError {
  readonly retriable = false;
  readonly queue: string;
  readonly queueOrdering: QueueOrdering;
  readonly workerOrdering: QueueOrdering;
  constructor(queue: string, queueOrdering: QueueOrdering, workerOrdering: QueueOrdering, detail: string) {
    super('QUEUE_ORDERING_MISMATCH', `queue ${JSON.stringify(queue)}: ${detail}`);
    this.queue = queue;
    this.queueOrdering = queueOrdering;
    this.workerOrdering = workerOrdering;
  }
}
