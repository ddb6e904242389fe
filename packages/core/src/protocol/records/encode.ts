/**
 * RecordBatch v2 encoder (grammar in decode.ts). Used by tests and the embedded engine;
 * the Kafka engine produces through kafkajs.
 */
import { Writer } from '../writer.js';
import { Compression, compressRecords } from './compression.js';
import { crc32c } from './crc32c.js';
import type { RecordBatchInput, RecordInput } from './types.js';

const EMPTY: never[] = [];

/** Append one batch to `w` (or a new Writer) and return the Writer. */
export function encodeRecordBatch(batch: RecordBatchInput, w: Writer = new Writer(1024)): Writer {
  const records = batch.records;
  const now = Date.now();
  const baseTimestamp = records.length > 0 ? (records[0]?.timestamp ?? now) : now;
  let maxTimestamp = baseTimestamp;
  let lastOffsetDelta = 0;
  const body = new Writer(256);
  for (let i = 0; i < records.length; i++) {
    const rec = records[i] as RecordInput;
    const ts = rec.timestamp ?? now;
    if (ts > maxTimestamp) maxTimestamp = ts;
    const offsetDelta = rec.offsetDelta ?? i;
    if (offsetDelta > lastOffsetDelta) lastOffsetDelta = offsetDelta;
    writeRecord(body, rec, ts - baseTimestamp, offsetDelta);
  }
  const codec = batch.compression ?? Compression.none;
  const recordBytes = compressRecords(codec, body.toBuffer());

  const start = w.offset;
  w.int64(batch.baseOffset);
  const lengthAt = w.reserve(4);
  w.int32(batch.partitionLeaderEpoch ?? -1);
  w.int8(2);
  const crcAt = w.reserve(4);
  const crcStart = w.offset;
  const attributes =
    (codec & 0x07) |
    ((batch.timestampType ?? 0) === 1 ? 0x08 : 0) |
    (batch.isTransactional ? 0x10 : 0) |
    (batch.isControl ? 0x20 : 0);
  w.int16(attributes);
  w.int32(lastOffsetDelta);
  w.int64(baseTimestamp);
  w.int64(batch.maxTimestamp ?? maxTimestamp);
  w.int64(batch.producerId ?? -1);
  w.int16(batch.producerEpoch ?? -1);
  w.int32(batch.baseSequence ?? -1);
  w.int32(records.length);
  w.raw(recordBytes);
  w.patchInt32(lengthAt, w.offset - start - 12);
  w.patchUInt32(crcAt, crc32c(w.view(crcStart)));
  return w;
}

function writeRecord(w: Writer, rec: RecordInput, timestampDelta: number, offsetDelta: number): void {
  // Size the record in a scratch pass-free way: write the body to a small writer, then prefix its length.
  const body = new Writer(64);
  body.int8(0);
  body.varlong(timestampDelta);
  body.varint(offsetDelta);
  body.varintBytes(rec.key ?? null);
  body.varintBytes(rec.value);
  const headers = rec.headers ?? EMPTY;
  body.varint(headers.length);
  for (const h of headers) {
    body.varintBytes(Buffer.from(h.key, 'utf8'));
    body.varintBytes(h.value);
  }
  w.varint(body.offset);
  w.raw(body.toBuffer());
}
