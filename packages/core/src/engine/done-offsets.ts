/**
 * The records done above a windowed group's committed offset, carried in the commit's metadata (as
 * Confluent's Parallel Consumer does), so a partition's next owner skips them instead of running them
 * again. The committed offset is the first record not done; above it, runs alternate between records not
 * done (handed or queued) and done, written as run lengths: `sharq.done.1:g1,d1,g2,d2,…` where g1 counts
 * the records from the committed offset on that are not done (≥ 1), d1 the done ones after them, and so on.
 * Past MAX_METADATA_CHARS the runs are cut (the broker's offset.metadata.max.bytes defaults to 4,096): the
 * records no longer listed are simply run again, as without metadata.
 */
const PREFIX = 'sharq.done.1:';
const MAX_METADATA_CHARS = 3_500;

/**
 * `notDone`: offsets at or above `committed` that are not done, ascending, starting with `committed`;
 * `limit`: the first offset not handed yet (everything from there on is not done either).
 */
export function encodeDoneOffsets(committed: number, notDone: Iterable<number>, limit: number): string {
  const runs: number[] = [];
  let cursor = committed;
  let notDoneRun = 0;
  for (const offset of notDone) {
    if (offset < cursor || offset >= limit) continue;
    if (offset > cursor) {
      runs.push(notDoneRun, offset - cursor);
      notDoneRun = 0;
    }
    notDoneRun++;
    cursor = offset + 1;
  }
  if (cursor < limit) runs.push(notDoneRun, limit - cursor);
  if (runs.length === 0) return '';
  let out = PREFIX;
  for (let i = 0; i < runs.length; i += 2) {
    const pair = `${i === 0 ? '' : ','}${runs[i]},${runs[i + 1]}`;
    if (out.length + pair.length > MAX_METADATA_CHARS) break;
    out += pair;
  }
  return out === PREFIX ? '' : out;
}

/** The done offsets above `committed` that `metadata` lists (empty for anything else: nothing skipped). */
export function decodeDoneOffsets(committed: number, metadata: string | null | undefined): Set<number> {
  const done = new Set<number>();
  if (!metadata?.startsWith(PREFIX)) return done;
  const runs = metadata.slice(PREFIX.length).split(',').map(Number);
  let cursor = committed;
  for (let i = 0; i + 1 < runs.length; i += 2) {
    const notDone = runs[i] as number;
    const doneRun = runs[i + 1] as number;
    if (!Number.isSafeInteger(notDone) || !Number.isSafeInteger(doneRun) || notDone < 0 || doneRun < 1)
      return new Set();
    cursor += notDone;
    for (let k = 0; k < doneRun; k++) done.add(cursor + k);
    cursor += doneRun;
  }
  return done;
}
