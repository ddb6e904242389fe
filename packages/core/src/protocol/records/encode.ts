/**
 * RecordBatch v2 encoder (grammar in decode.ts): the Kafka producer's request bodies, the embedded engine,
 * tests. Records are written straight into the batch's Writer (sized first, so no scratch buffer per
 * record), string keys and values straight from the string; only a compressed batch goes through one
 * scratch Writer for its records.
 */
import { Writer, varintSize, varlongSize } from '../writer.js';
import { Compression, compressRecords } from './compression.js';
import { crc32c } from './crc32c.js';
import type { RecordBatchInput, RecordHeaderInput, RecordInput } from './types.js';

const EMPTY: readonly RecordHeaderInput[] = [];

/** Append one batch to `w` (or a new Writer) and return the Writer. */
export function encodeRecordBatch(batch: RecordBatchInput, w: Writer = new Writer(1024)): Writer {
  const records = batch.records;
  const now = Date.now();
  const baseTimestamp = records.length > 0 ? (records[0]?.timestamp ?? now) : now;
  let maxTimestamp = baseTimestamp;
  let lastOffsetDelta = 0;
  for (let i = 0; i < records.length; i++) {
    const rec = records[i] as RecordInput;
    const ts = rec.timestamp ?? now;
    if (ts > maxTimestamp) maxTimestamp = ts;
    const offsetDelta = rec.offsetDelta ?? i;
    if (offsetDelta > lastOffsetDelta) lastOffsetDelta = offsetDelta;
  }
  const codec = batch.compression ?? Compression.none;

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
  if (codec === Compression.none) {
    writeRecords(w, records, baseTimestamp, now);
  } else {
    const body = new Writer(Math.max(256, records.length * 64));
    writeRecords(body, records, baseTimestamp, now);
    w.raw(compressRecords(codec, body.toBuffer()));
  }
  w.patchInt32(lengthAt, w.offset - start - 12);
  w.patchUInt32(crcAt, crc32c(w.view(crcStart)));
  return w;
}

function writeRecords(w: Writer, records: readonly RecordInput[], baseTimestamp: number, now: number): void {
  for (let i = 0; i < records.length; i++) {
    const rec = records[i] as RecordInput;
    const timestampDelta = (rec.timestamp ?? now) - baseTimestamp;
    const offsetDelta = rec.offsetDelta ?? i;
    const key = rec.key ?? null;
    const value = rec.value;
    const headers = rec.headers ?? EMPTY;
    const keyBytes = byteLengthOf(key);
    const valueBytes = byteLengthOf(value);
    let size =
      1 +
      varlongSize(timestampDelta) +
      varintSize(offsetDelta) +
      fieldSize(keyBytes) +
      fieldSize(valueBytes) +
      varintSize(headers.length);
    for (let h = 0; h < headers.length; h++) {
      const header = headers[h] as RecordHeaderInput;
      size += fieldSize(Buffer.byteLength(header.key, 'utf8')) + fieldSize(byteLengthOf(header.value));
    }
    w.varint(size);
    w.int8(0);
    w.varlong(timestampDelta);
    w.varint(offsetDelta);
    writeField(w, key, keyBytes);
    writeField(w, value, valueBytes);
    w.varint(headers.length);
    for (let h = 0; h < headers.length; h++) {
      const header = headers[h] as RecordHeaderInput;
      w.varintUtf8(header.key, Buffer.byteLength(header.key, 'utf8'));
      writeField(w, header.value, byteLengthOf(header.value));
    }
  }
}

/** UTF-8 bytes of a string, length of bytes, -1 for null (the record grammar's null length). */
function byteLengthOf(field: Uint8Array | string | null): number {
  if (field === null) return -1;
  return typeof field === 'string' ? Buffer.byteLength(field, 'utf8') : field.length;
}

function fieldSize(byteLength: number): number {
  return byteLength < 0 ? 1 : varintSize(byteLength) + byteLength;
}

function writeField(w: Writer, field: Uint8Array | string | null, byteLength: number): void {
  if (field === null) w.varint(-1);
  else if (typeof field === 'string') w.varintUtf8(field, byteLength);
  else w.varintBytes(field);
}
