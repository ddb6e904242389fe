/**
 * From one partition of a ShareFetch response to what the caller may see. Only offsets inside
 * AcquiredRecords are ours: the Records bytes can also hold offsets acquired by other members (or not
 * acquired at all in record_limit mode). An acquired offset with no deliverable record (control record,
 * aborted transaction, compacted away) is returned as a GAP range, to be acknowledged so that the
 * share-partition start offset can move past it.
 */
import type { DeliveredRecord } from '../../engine/engine.js';
import type { AcquiredRecords, DecodedRecord } from './wire.js';

export interface GapRange {
  firstOffset: number;
  lastOffset: number;
}

/** ShareTransport.decodeRecords: `acquired` (sorted) lets it skip every record that is not ours. */
export type RecordDecoder = (
  records: Buffer,
  fromOffset: number,
  toOffset: number,
  acquired?: readonly AcquiredRecords[],
) => Iterable<DecodedRecord>;

export function collectDeliveries(
  topic: string,
  partition: number,
  records: Buffer | null,
  acquired: readonly AcquiredRecords[],
  lockExpiresAt: number,
  decode: RecordDecoder,
  out: DeliveredRecord[],
): GapRange[] {
  const gaps: GapRange[] = [];
  if (acquired.length === 0) return gaps;
  const ranges =
    acquired.length > 1 && !isAscending(acquired)
      ? [...acquired].sort((a, b) => a.firstOffset - b.firstOffset)
      : acquired;
  const first = (ranges[0] as AcquiredRecords).firstOffset;
  const last = (ranges[ranges.length - 1] as AcquiredRecords).lastOffset;
  let r = 0;
  let range = ranges[0] as AcquiredRecords;
  // Next offset of `range` not yet seen: everything skipped below it is a gap.
  let cursor = range.firstOffset;
  if (records && records.length > 0) {
    for (const record of decode(records, first, last, ranges)) {
      const offset = record.offset;
      while (offset > range.lastOffset) {
        if (cursor <= range.lastOffset) gaps.push({ firstOffset: cursor, lastOffset: range.lastOffset });
        r++;
        if (r >= ranges.length) return gaps;
        range = ranges[r] as AcquiredRecords;
        cursor = range.firstOffset;
      }
      if (offset < cursor) continue; // not acquired by us, or a duplicate
      if (offset > cursor) gaps.push({ firstOffset: cursor, lastOffset: offset - 1 });
      cursor = offset + 1;
      out.push({
        topic,
        partition,
        offset,
        key: record.key,
        value: record.value,
        headers: record.headers,
        timestamp: record.timestamp,
        deliveryCount: range.deliveryCount,
        lockExpiresAt,
      });
    }
  }
  for (;;) {
    if (cursor <= range.lastOffset) gaps.push({ firstOffset: cursor, lastOffset: range.lastOffset });
    r++;
    if (r >= ranges.length) return gaps;
    range = ranges[r] as AcquiredRecords;
    cursor = range.firstOffset;
  }
}

function isAscending(ranges: readonly AcquiredRecords[]): boolean {
  for (let i = 1; i < ranges.length; i++) {
    if ((ranges[i] as AcquiredRecords).firstOffset < (ranges[i - 1] as AcquiredRecords).firstOffset)
      return false;
  }
  return true;
}
