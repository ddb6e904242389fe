/**
 * Lazy record decoding for share fetches: the Records blob may hold whole log batches of which we
 * acquired only a slice (record_limit mode, or batches shared with other members). Batches entirely
 * outside [fromOffset, toOffset] are skipped by reading their 61-byte header only, so neither their
 * CRC, decompression nor records are paid for. Control batches yield nothing.
 *
 *   batch header: baseOffset int64 | batchLength int32 | partitionLeaderEpoch int32 | magic int8 |
 *                 crc uint32 | attributes int16 | lastOffsetDelta int32 | …
 */
import { decodeRecordBatches } from '../../protocol/records/index.js';
import type { RecordHeader } from '../../protocol/records/types.js';
import type { DecodedRecord } from './wire.js';

const LOG_OVERHEAD = 12;
const LAST_OFFSET_DELTA_AT = 23;
const HEADER_BYTES = 27;
const EMPTY = Buffer.alloc(0);

export function* decodeAcquiredRecords(
  records: Buffer,
  fromOffset: number,
  toOffset: number,
): Generator<DecodedRecord> {
  let pos = 0;
  while (records.length - pos >= HEADER_BYTES) {
    const batchLength = records.readInt32BE(pos + 8);
    const end = pos + LOG_OVERHEAD + batchLength;
    if (batchLength <= 0 || end > records.length) return; // the broker may cut the last batch short
    const baseOffset = Number(records.readBigInt64BE(pos));
    const lastOffset = baseOffset + records.readInt32BE(pos + LAST_OFFSET_DELTA_AT);
    if (lastOffset >= fromOffset && baseOffset <= toOffset) {
      for (const batch of decodeRecordBatches(records.subarray(pos, end))) {
        for (const record of batch.records) {
          if (record.offset < fromOffset || record.offset > toOffset) continue;
          yield {
            offset: record.offset,
            timestamp: record.timestamp,
            key: record.key,
            value: record.value,
            headers: toHeaderMap(record.headers),
          };
        }
      }
    }
    if (baseOffset > toOffset) return;
    pos = end;
  }
}

function toHeaderMap(headers: readonly RecordHeader[]): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (const h of headers) out[h.key] = h.value ?? EMPTY;
  return out;
}
