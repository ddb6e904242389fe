/**
 * Selective record decoding for share fetches. The Records blob holds whole log batches of which we
 * acquired only some offsets (record_limit mode cuts a producer's batch into slices; other members hold
 * the rest), so only what was acquired is paid for:
 *   - a batch entirely outside the acquired ranges is skipped by its 61-byte header: no CRC, no
 *     decompression, no records;
 *   - inside a batch, a record that is not ours costs its length, timestamp and offset varints, then a
 *     jump to its end; decoding stops at the last acquired offset;
 *   - a batch's CRC is computed once: record_limit sends the same batch again with every slice, and a
 *     batch whose base offset, length and stored CRC were verified before is trusted (VerifiedBatches);
 *   - keys, values and header values are views of the fetched bytes (subarray), never copies.
 * Control batches yield nothing.
 *
 *   batch header: baseOffset int64 | batchLength int32 | partitionLeaderEpoch int32 | magic int8 |
 *                 crc uint32 | attributes int16 | lastOffsetDelta int32 | baseTimestamp int64 |
 *                 maxTimestamp int64 | producerId int64 | producerEpoch int16 | baseSequence int32 |
 *                 records count int32
 *   record:       length varint | attributes int8 | timestampDelta varlong | offsetDelta varint |
 *                 key varint-bytes | value varint-bytes | headers count varint, [key varint-utf8, value varint-bytes]
 */
import { DecodeError } from '../../errors.js';
import { Reader } from '../../protocol/reader.js';
import {
  Compression,
  checkMagic,
  DEFAULT_MAX_DECOMPRESSED_BYTES,
  decompressRecords,
  RECORD_BATCH_LOG_OVERHEAD,
  RECORD_BATCH_MIN_LENGTH,
  RecordBatchField,
  verifyBatchCrc,
} from '../../protocol/records/index.js';
import type { AcquiredRecords, DecodedRecord } from './wire.js';

const TWO_32 = 0x1_0000_0000;
const EMPTY = Buffer.alloc(0);
/** Header bytes up to and including the records count. */
const HEADER_BYTES = RecordBatchField.records;
const COMPRESSION_MASK = 0x07;
const TIMESTAMP_TYPE_LOG_APPEND = 0x08;
const CONTROL_BIT = 0x20;

/**
 * Batches whose CRC already checked out, by base offset (bounded; oldest forgotten first). A hit needs the
 * same base offset, batch length and stored CRC: a batch sent again from the same log. Keys from different
 * partitions may meet here; a collision only costs a recomputation, or trusts bytes whose length and
 * 32-bit CRC both equal those of a batch already verified.
 */
export class VerifiedBatches {
  private readonly seen = new Map<number, number>();

  constructor(private readonly capacity = 256) {}

  has(baseOffset: number, batchLength: number, crc: number): boolean {
    return this.seen.get(baseOffset) === fingerprint(batchLength, crc);
  }

  add(baseOffset: number, batchLength: number, crc: number): void {
    if (this.seen.size >= this.capacity && !this.seen.has(baseOffset)) {
      const oldest = this.seen.keys().next();
      if (oldest.done !== true) this.seen.delete(oldest.value);
    }
    this.seen.set(baseOffset, fingerprint(batchLength, crc));
  }
}

/** Batch length (mod 2^21) and CRC in one exact number: 2^21 · 2^32 = 2^53. */
function fingerprint(batchLength: number, crc: number): number {
  return (batchLength % 0x20_0000) * TWO_32 + crc;
}

export interface SelectOptions {
  /**
   * The offsets to decode, ascending and disjoint (AcquiredRecords as the broker sent them, sorted).
   * Without it every offset in [fromOffset, toOffset] is decoded.
   */
  acquired?: readonly AcquiredRecords[];
  /** Skips the CRC of batches verified before (kept by the caller across fetches). */
  verified?: VerifiedBatches;
}

/**
 * The records of `records` whose offsets fall in [fromOffset, toOffset] and, when `acquired` is given,
 * inside one of its ranges; in offset order.
 */
export function decodeAcquiredRecords(
  records: Buffer,
  fromOffset: number,
  toOffset: number,
  options: SelectOptions = {},
): DecodedRecord[] {
  const out: DecodedRecord[] = [];
  const ranges = options.acquired ?? [{ firstOffset: fromOffset, lastOffset: toOffset, deliveryCount: 0 }];
  if (ranges.length === 0) return out;
  const cursor: RangeCursor = { ranges, index: 0, from: fromOffset, to: toOffset };
  let pos = 0;
  while (records.length - pos >= HEADER_BYTES) {
    const batchLength = records.readInt32BE(pos + RecordBatchField.batchLength);
    const end = pos + RECORD_BATCH_LOG_OVERHEAD + batchLength;
    if (batchLength < RECORD_BATCH_MIN_LENGTH) {
      throw new DecodeError(`record batch length ${batchLength} at ${pos} is below the v2 minimum`);
    }
    if (end > records.length) return out; // the broker may cut the last batch short
    const baseOffset = readInt64(records, pos);
    const lastOffset = baseOffset + records.readInt32BE(pos + RecordBatchField.lastOffsetDelta);
    if (baseOffset > toOffset) return out;
    if (lastOffset >= fromOffset && overlaps(cursor, baseOffset, lastOffset)) {
      if (!decodeBatch(records, pos, end, baseOffset, batchLength, cursor, options.verified, out)) return out;
    }
    pos = end;
  }
  return out;
}

interface RangeCursor {
  readonly ranges: readonly AcquiredRecords[];
  /** First range whose end is not behind us yet. */
  index: number;
  readonly from: number;
  readonly to: number;
}

/** Moves the cursor past ranges that end before `first`; true if a range meets [first, last]. */
function overlaps(c: RangeCursor, first: number, last: number): boolean {
  while (c.index < c.ranges.length && (c.ranges[c.index] as AcquiredRecords).lastOffset < first) c.index++;
  const range = c.ranges[c.index];
  return range !== undefined && range.firstOffset <= last;
}

/** Decodes the wanted records of one batch into `out`; false once no wanted offset can follow. */
function decodeBatch(
  data: Buffer,
  start: number,
  end: number,
  baseOffset: number,
  batchLength: number,
  cursor: RangeCursor,
  verified: VerifiedBatches | undefined,
  out: DecodedRecord[],
): boolean {
  checkMagic(data, start);
  const crc = data.readUInt32BE(start + RecordBatchField.crc);
  if (verified === undefined || !verified.has(baseOffset, batchLength, crc)) {
    verifyBatchCrc(data, start, end);
    verified?.add(baseOffset, batchLength, crc);
  }
  const attributes = data.readInt16BE(start + RecordBatchField.attributes);
  if ((attributes & CONTROL_BIT) !== 0) return true;
  const count = data.readInt32BE(start + RecordBatchField.recordCount);
  if (count < 0) throw new DecodeError(`negative record count ${count} at ${start}`);
  const compression = attributes & COMPRESSION_MASK;
  const body =
    compression === Compression.none
      ? new Reader(data, start + HEADER_BYTES, end)
      : new Reader(
          decompressRecords(
            compression,
            data.subarray(start + HEADER_BYTES, end),
            DEFAULT_MAX_DECOMPRESSED_BYTES,
          ),
        );
  // A record takes at least 7 bytes: refuse impossible counts.
  if (count * 7 > body.remaining) {
    throw new DecodeError(`record count ${count} does not fit in ${body.remaining} bytes at ${start}`);
  }
  const baseTimestamp = readInt64(data, start + RecordBatchField.baseTimestamp);
  // LogAppendTime: the broker stamped the whole batch; per-record deltas are meaningless.
  const logAppendAt =
    (attributes & TIMESTAMP_TYPE_LOG_APPEND) !== 0
      ? readInt64(data, start + RecordBatchField.maxTimestamp)
      : -1;
  const { ranges } = cursor;
  for (let i = 0; i < count; i++) {
    const length = body.readVarint();
    if (length < 0 || length > body.remaining) {
      throw new DecodeError(`bad record length ${length} at ${body.offset}`);
    }
    const recordEnd = body.offset + length;
    body.offset += 1; // record attributes: unused
    const timestampDelta = body.readVarlong();
    const offset = baseOffset + body.readVarint();
    if (body.offset > recordEnd) throw new DecodeError(`record at ${recordEnd - length} overruns its length`);
    let range = ranges[cursor.index];
    while (range !== undefined && range.lastOffset < offset) range = ranges[++cursor.index];
    if (range === undefined || offset > cursor.to) return false;
    if (offset < range.firstOffset || offset < cursor.from) {
      body.offset = recordEnd;
      continue;
    }
    const key = body.readVarintBytes();
    const value = body.readVarintBytes();
    const headers = readHeaders(body, recordEnd);
    if (body.offset !== recordEnd) {
      throw new DecodeError(
        `record at ${recordEnd - length} is ${body.offset - recordEnd} byte(s) off its length`,
      );
    }
    out.push({
      offset,
      timestamp: logAppendAt >= 0 ? logAppendAt : baseTimestamp + timestampDelta,
      key,
      value,
      headers,
    });
  }
  if (body.remaining !== 0)
    throw new DecodeError(`${body.remaining} stray byte(s) after the records of batch ${start}`);
  return true;
}

function readHeaders(r: Reader, recordEnd: number): Record<string, Buffer> {
  const count = r.readVarint();
  const headers: Record<string, Buffer> = {};
  if (count === 0) return headers;
  if (count < 0 || count * 2 > recordEnd - r.offset) {
    throw new DecodeError(`bad header count ${count} at ${r.offset}`);
  }
  for (let h = 0; h < count; h++) {
    const key = r.readUtf8(r.readVarint(), 'header key');
    headers[key] = r.readVarintBytes() ?? EMPTY;
  }
  return headers;
}

/** int64 as a number (offsets and timestamps stay far inside ±2^53), without a BigInt. */
function readInt64(buf: Buffer, at: number): number {
  return buf.readInt32BE(at) * TWO_32 + buf.readUInt32BE(at + 4);
}
