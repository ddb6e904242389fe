/**
 * DeadLetterWriter: the worker-side DLQ write. Entries from all of a worker's slots are
 * coalesced into few produce calls; write() resolves once the DLQ record is durable, after
 * which (and only after which) the worker ACCEPTs the original.
 */
import type { Engine, OutgoingRecord, StoredRecord } from '../../engine/engine.js';
import type { JobEnvelope } from '../envelope.js';
import { ProduceBatcher } from '../produce-batcher.js';
import type { QueueTopology } from '../topology.js';
import { DLQ_HEADER, DLQ_HEADER_PREFIX, type DeadReason } from './dlq-headers.js';

export interface DeadLetterInput {
  record: StoredRecord & { deliveryCount?: number };
  envelope?: JobEnvelope;
  reason: DeadReason;
  error: { message: string; stack?: string; name?: string };
  /** Attempts made, including the final one. */
  attempts: number;
  workerId: string;
  /** Epoch ms; default now. */
  failedAt?: number;
}

export function deadLetterRecord(input: DeadLetterInput): OutgoingRecord {
  const { record } = input;
  const headers: Record<string, Buffer | string> = {};
  for (const [name, value] of Object.entries(record.headers)) {
    if (!name.startsWith(DLQ_HEADER_PREFIX)) headers[name] = value;
  }
  headers[DLQ_HEADER.by] = 'worker';
  headers[DLQ_HEADER.reason] = input.reason;
  headers[DLQ_HEADER.error] = input.error.message;
  if (input.error.name) headers[DLQ_HEADER.errorName] = input.error.name;
  if (input.error.stack) headers[DLQ_HEADER.stack] = input.error.stack;
  headers[DLQ_HEADER.attempts] = String(input.attempts);
  headers[DLQ_HEADER.worker] = input.workerId;
  headers[DLQ_HEADER.failedAt] = String(input.failedAt ?? Date.now());
  headers[DLQ_HEADER.topic] = record.topic;
  headers[DLQ_HEADER.partition] = String(record.partition);
  headers[DLQ_HEADER.offset] = String(record.offset);
  headers[DLQ_HEADER.timestamp] = String(record.timestamp);
  if (record.deliveryCount !== undefined) headers[DLQ_HEADER.deliveryCount] = String(record.deliveryCount);
  return { key: record.key ?? input.envelope?.id ?? null, value: record.value, headers };
}

export class DeadLetterWriter {
  private readonly batcher: ProduceBatcher;
  private readonly topology: QueueTopology;

  constructor(engine: Engine, topology: QueueTopology) {
    this.topology = topology;
    this.batcher = new ProduceBatcher(engine, { lingerMs: 2 });
  }

  async write(entries: readonly DeadLetterInput[]): Promise<void> {
    await this.batcher.sendMany(
      entries.map((entry) => ({ topic: this.topology.dlqTopic, record: deadLetterRecord(entry) })),
    );
  }

  async close(): Promise<void> {
    await this.batcher.close();
  }
}
