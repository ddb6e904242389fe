import { SharqError } from '../errors.js';
import type { GroupVerdict, RecordRef } from './engine.js';

/**
 * What both engines report when a handler of a windowed group consumer (maxInFlightPerPartition > 1) answers
 * anything but 'done': in that mode the caller keeps a record it wants again, so the record is handed again.
 */
export function verdictNotDoneInWindow(record: RecordRef, verdict: GroupVerdict): SharqError {
  return new SharqError(
    'GROUP_CONSUMER',
    `${record.topic}[${record.partition}]@${record.offset}: only 'done' is a verdict with ` +
      `maxInFlightPerPartition > 1 (got '${verdict.kind}'); the record is handed again`,
  );
}
