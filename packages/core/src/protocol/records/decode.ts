/**
 * RecordBatch v2 decoder.
 *
 *   RecordBatch =>
 *     baseOffset: int64
 *     batchLength: int32                 (bytes after this field)
 *     partitionLeaderEpoch: int32
 *     magic: int8                        (= 2)
 *     crc: uint32                        (CRC-32C of attributes .. end)
 *     attributes: int16                  (bits 0-2 compression, 3 timestampType, 4 transactional, 5 control)
 *     lastOffsetDelta: int32
 *     baseTimestamp: int64
 *     maxTimestamp: int64
 *     producerId: int64
 *     producerEpoch: int16
 *     baseSequence: int32
 *     records: int32 count, then (possibly compressed) [Record]
 *   Record =>
 *     length: varint  attributes: int8  timestampDelta: varlong  offsetDelta: varint
 *     keyLength: varint  key: bytes  valueLength: varint  value: bytes
 *     headersCount: varint  [headerKeyLength: varint  headerKey: utf8  headerValueLength: varint  value: bytes]
 *
 * A Records blob holds batches back to back; the broker may cut the last one short (it fills
 * up to the fetch size), so a trailing partial batch ends decoding quietly.
 */
import { DecodeError } from '../../errors.js';
import { Reader } from '../reader.js';
import { Compression, DEFAULT_MAX_DECOMPRESSED_BYTES, decompressRecords } from './compression.js';
import { crc32c } from './crc32c.js';
import type { DecodeRecordsOptions, KafkaRecord, RecordBatch, RecordHeader } from './types.js';

/** baseOffset + batchLength: what precedes the batchLength bytes. */
export const RECORD_BATCH_LOG_OVERHEAD = 12;
/** partitionLeaderEpoch .. records count. */
export const RECORD_BATCH_MIN_LENGTH = 49;
const LOG_OVERHEAD = RECORD_BATCH_LOG_OVERHEAD;
const MIN_BATCH_LENGTH = RECORD_BATCH_MIN_LENGTH;
/** Byte positions of the fields of a batch, from its first byte. */
export const RecordBatchField = {
  batchLength: 8,
  magic: 16,
  crc: 17,
  attributes: 21,
  lastOffsetDelta: 23,
  baseTimestamp: 27,
  maxTimestamp: 35,
  recordCount: 57,
  records: 61,
} as const;
const MAGIC_OFFSET = RecordBatchField.magic;
const CRC_OFFSET = RecordBatchField.crc;
const ATTRIBUTES_OFFSET = RecordBatchField.attributes;

/** Decode every complete batch in `data` (control batches included, with no records). */
export function decodeRecordBatches(data: Buffer, options: DecodeRecordsOptions = {}): RecordBatch[] {
  const batches: RecordBatch[] = [];
  let pos = 0;
  while (data.length - pos >= LOG_OVERHEAD) {
    const batchLength = data.readInt32BE(pos + 8);
    if (batchLength < MIN_BATCH_LENGTH) {
      throw new DecodeError(`record batch length ${batchLength} at ${pos} is below the v2 minimum`);
    }
    const end = pos + LOG_OVERHEAD + batchLength;
    if (end > data.length) break; // partial trailing batch
    batches.push(decodeBatch(data, pos, end, options));
    pos = end;
  }
  return batches;
}

/** All data records of all complete batches, control batches skipped. */
export function decodeRecords(data: Buffer, options: DecodeRecordsOptions = {}): KafkaRecord[] {
  const batches = decodeRecordBatches(data, options);
  if (batches.length === 1) return (batches[0] as RecordBatch).records;
  const out: KafkaRecord[] = [];
  for (const b of batches) for (const r of b.records) out.push(r);
  return out;
}

function decodeBatch(data: Buffer, start: number, end: number, options: DecodeRecordsOptions): RecordBatch {
  checkMagic(data, start);
  if (options.verifyCrc !== false) verifyBatchCrc(data, start, end);
  const r = new Reader(data, start, end);
  const baseOffset = r.readInt64();
  r.offset += 4; // batchLength
  const partitionLeaderEpoch = r.readInt32();
  r.offset += 5; // magic + crc
  const attributes = r.readInt16();
  const lastOffsetDelta = r.readInt32();
  const baseTimestamp = r.readInt64();
  const maxTimestamp = r.readInt64();
  const producerId = r.readInt64();
  const producerEpoch = r.readInt16();
  const baseSequence = r.readInt32();
  const count = r.readInt32();
  const compression = attributes & 0x07;
  const timestampType = (attributes & 0x08) !== 0 ? 1 : 0;
  const isControl = (attributes & 0x20) !== 0;
  const batch: RecordBatch = {
    baseOffset,
    partitionLeaderEpoch,
    attributes,
    compression,
    timestampType,
    isTransactional: (attributes & 0x10) !== 0,
    isControl,
    lastOffsetDelta,
    baseTimestamp,
    maxTimestamp,
    producerId,
    producerEpoch,
    baseSequence,
    records: [],
  };
  if (isControl) return batch;
  if (count < 0) throw new DecodeError(`negative record count ${count} at ${start}`);
  let body = r;
  if (compression !== Compression.none) {
    const raw = data.subarray(r.offset, end);
    const inflated = decompressRecords(
      compression,
      raw,
      options.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES,
    );
    body = new Reader(inflated);
  }
  // A record takes at least 7 bytes; refuse impossible counts before sizing the array.
  if (count * 7 > body.remaining) {
    throw new DecodeError(`record count ${count} does not fit in ${body.remaining} bytes at ${start}`);
  }
  // LogAppendTime: the broker stamped the whole batch; per-record deltas are meaningless.
  const logAppend = timestampType === 1;
  const records = new Array<KafkaRecord>(count);
  for (let i = 0; i < count; i++)
    records[i] = readRecord(body, baseOffset, baseTimestamp, logAppend, maxTimestamp);
  if (body.remaining !== 0)
    throw new DecodeError(`${body.remaining} stray byte(s) after the records of batch ${start}`);
  batch.records = records;
  return batch;
}

/** Throws unless the batch at `start` is magic 2 (the only format since Kafka 0.11 that KIP-932 brokers send). */
export function checkMagic(data: Buffer, start: number): void {
  const magic = data.readInt8(start + MAGIC_OFFSET);
  if (magic !== 2) throw new DecodeError(`unsupported record batch magic ${magic} at ${start}`);
}

/** Throws unless the stored CRC-32C of the batch data[start, end) matches its bytes. */
export function verifyBatchCrc(data: Buffer, start: number, end: number): void {
  const expected = data.readUInt32BE(start + CRC_OFFSET);
  const actual = crc32c(data, start + ATTRIBUTES_OFFSET, end);
  if (expected !== actual) {
    throw new DecodeError(`record batch CRC mismatch at ${start}: stored ${expected}, computed ${actual}`);
  }
}

function readRecord(
  r: Reader,
  baseOffset: number,
  baseTimestamp: number,
  logAppend: boolean,
  maxTimestamp: number,
): KafkaRecord {
  const length = r.readVarint();
  if (length < 0 || length > r.remaining) throw new DecodeError(`bad record length ${length} at ${r.offset}`);
  const end = r.offset + length;
  r.offset += 1; // record attributes: unused
  const timestampDelta = r.readVarlong();
  const offsetDelta = r.readVarint();
  const key = r.readVarintBytes();
  const value = r.readVarintBytes();
  const headerCount = r.readVarint();
  if (headerCount < 0 || headerCount * 2 > end - r.offset) {
    throw new DecodeError(`bad header count ${headerCount} at ${r.offset}`);
  }
  const headers: RecordHeader[] = new Array<RecordHeader>(headerCount);
  for (let h = 0; h < headerCount; h++) {
    const hk = r.readUtf8(r.readVarint(), 'header key');
    headers[h] = { key: hk, value: r.readVarintBytes() };
  }
  if (r.offset !== end)
    throw new DecodeError(`record at ${end - length} is ${r.offset - end} byte(s) off its length`);
  return {
    offset: baseOffset + offsetDelta,
    timestamp: logAppend ? maxTimestamp : baseTimestamp + timestampDelta,
    key,
    value,
    headers,
  };
}
