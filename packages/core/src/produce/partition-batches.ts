/**
 * The records of one produce round, grouped into one RecordBatch per partition, and the way back from a
 * partition's base offset to each caller's records.
 */
import type { OutgoingRecord } from '../engine/engine.js';
import type { RecordHeaderInput, RecordInput } from '../protocol/records/types.js';

/** One produce() call waiting for its records' offsets. */
export interface PendingCall {
  readonly topic: string;
  readonly records: readonly OutgoingRecord[];
  /** Each record's partition, chosen before the call was queued. */
  readonly partitions: readonly number[];
  /** Key, value and header bytes (UTF-8 for strings). */
  readonly bytes: number;
  /** Each record's offset, filled in as its partition's batch is written. */
  readonly offsets: number[];
  /** Partition batches of this call not written yet; resolved at 0. */
  unwritten: number;
  settled: boolean;
  readonly resolve: (offsets: number[]) => void;
  readonly reject: (error: unknown) => void;
}

/** The records a round writes to one partition, in call order. */
export class PartitionBatch {
  readonly key: string;
  readonly records: RecordInput[] = [];
  /** For each record: the call it came from and its index there (two arrays: no object per record). */
  readonly owners: PendingCall[] = [];
  readonly ownerIndexes: number[] = [];
  /** Set on first send; kept for re-sends so the broker can recognise a duplicate. */
  sequence: { producerId: number; producerEpoch: number; baseSequence: number } | undefined;

  constructor(
    readonly topic: string,
    readonly partition: number,
  ) {
    this.key = partitionKey(topic, partition);
  }

  /** Every call with records in this batch, once each. */
  calls(): Set<PendingCall> {
    return new Set(this.owners);
  }
}

export function partitionKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

/** Groups the calls' records by topic and partition; each call learns how many batches it waits for. */
export function partitionBatches(calls: readonly PendingCall[]): PartitionBatch[] {
  const byKey = new Map<string, PartitionBatch>();
  for (const call of calls) {
    let last: PartitionBatch | undefined;
    const touched = new Set<PartitionBatch>();
    for (let i = 0; i < call.records.length; i++) {
      const partition = call.partitions[i] as number;
      let batch = last?.partition === partition ? last : byKey.get(partitionKey(call.topic, partition));
      if (!batch) {
        batch = new PartitionBatch(call.topic, partition);
        byKey.set(batch.key, batch);
      }
      last = batch;
      touched.add(batch);
      batch.records.push(recordInput(call.records[i] as OutgoingRecord));
      batch.owners.push(call);
      batch.ownerIndexes.push(i);
    }
    call.unwritten = touched.size;
  }
  return [...byKey.values()];
}

/** A written batch: every record's offset to its call; calls whose batches are all written resolve. */
export function settleWritten(batch: PartitionBatch, baseOffset: number): void {
  for (let k = 0; k < batch.owners.length; k++) {
    const call = batch.owners[k] as PendingCall;
    call.offsets[batch.ownerIndexes[k] as number] = baseOffset + k;
  }
  for (const call of batch.calls()) {
    call.unwritten--;
    if (call.unwritten === 0 && !call.settled) {
      call.settled = true;
      call.resolve(call.offsets);
    }
  }
}

/** A batch that will not be written: each of its calls fails (a call spread over partitions fails whole). */
export function settleFailed(batch: PartitionBatch, error: unknown): void {
  for (const call of batch.calls()) {
    if (call.settled) continue;
    call.settled = true;
    call.reject(error);
  }
}

function recordInput(record: OutgoingRecord): RecordInput {
  // Without headers the record already is a RecordInput: no object per record.
  if (record.headers === undefined) return record as Omit<OutgoingRecord, 'headers'>;
  const input: RecordInput = {
    key: record.key ?? null,
    value: record.value,
    headers: headerInputs(record.headers),
  };
  if (record.timestamp !== undefined) input.timestamp = record.timestamp;
  return input;
}

function headerInputs(headers: Record<string, Buffer | string>): RecordHeaderInput[] {
  const out: RecordHeaderInput[] = [];
  for (const key in headers) out.push({ key, value: headers[key] ?? null });
  return out;
}
