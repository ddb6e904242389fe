/**
 * scanTopic: read a whole topic page by page (every partition from its start), handing each page to
 * `onPage`, so a lookup over a large topic holds one page in memory, not the topic.
 * Cost: one pass over the topic — what `sharq job` pays; the dashboard answers from its index first.
 */
import type { Engine, StoredRecord } from '../engine/engine.js';

export const SCAN_PAGE = 5_000;

export async function scanTopic(
  engine: Engine,
  topic: string,
  onPage: (records: StoredRecord[]) => void,
  pageSize = SCAN_PAGE,
): Promise<void> {
  const cursor: Record<number, number> = {};
  for (;;) {
    const records = await engine.readTopic(topic, { fromOffsets: cursor, limit: pageSize });
    if (records.length === 0) return;
    for (const record of records) cursor[record.partition] = record.offset + 1;
    onPage(records);
  }
}
