/**
 * RecordBatch v2 (magic 2) as the decoder hands it out.
 * Key/value/header values are views into the fetched (or decompressed) bytes: no copies.
 */

export interface RecordHeader {
  key: string;
  value: Buffer | null;
}

export interface KafkaRecord {
  /** Absolute offset (baseOffset + offsetDelta). */
  offset: number;
  /** Epoch ms: CreateTime (base + delta), or the batch's max timestamp under LogAppendTime. */
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: RecordHeader[];
}

export const TimestampType = { createTime: 0, logAppendTime: 1 } as const;

export interface RecordBatch {
  baseOffset: number;
  partitionLeaderEpoch: number;
  /** Raw attributes int16 (bits 0-2 compression, 3 timestamp type, 4 transactional, 5 control). */
  attributes: number;
  compression: number;
  timestampType: 0 | 1;
  isTransactional: boolean;
  isControl: boolean;
  lastOffsetDelta: number;
  baseTimestamp: number;
  maxTimestamp: number;
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  /** Empty for control batches (their records are markers, not data). */
  records: KafkaRecord[];
}

export interface DecodeRecordsOptions {
  /** Check CRC-32C (default true). */
  verifyCrc?: boolean;
  /** Cap on one batch's decompressed size (default DEFAULT_MAX_DECOMPRESSED_BYTES). */
  maxDecompressedBytes?: number;
}

/** A header as encodeRecordBatch takes it: a string value is written as its UTF-8 bytes. */
export interface RecordHeaderInput {
  key: string;
  value: Uint8Array | string | null;
}

/**
 * What encodeRecordBatch takes (the producer, tests, the embedded engine). A string key or value is written
 * as its UTF-8 bytes, without an intermediate Buffer.
 */
export interface RecordInput {
  key?: Uint8Array | string | null;
  value: Uint8Array | string | null;
  headers?: readonly RecordHeaderInput[];
  timestamp?: number;
  /** Defaults to the record's index; set to leave offset gaps (compaction). */
  offsetDelta?: number;
}

export interface RecordBatchInput {
  baseOffset: number;
  records: readonly RecordInput[];
  partitionLeaderEpoch?: number;
  compression?: number;
  timestampType?: 0 | 1;
  isTransactional?: boolean;
  isControl?: boolean;
  producerId?: number;
  producerEpoch?: number;
  baseSequence?: number;
  /** Overrides the computed max timestamp (LogAppendTime batches carry the broker's time here). */
  maxTimestamp?: number;
}
