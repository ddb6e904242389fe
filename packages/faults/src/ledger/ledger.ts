import { appendFileSync, existsSync, readFileSync } from 'node:fs';

/**
 * The completion ledger (Jepsen-style accounting): the processor appends one line per completed job,
 * `<jobId> <worker>`, with a synchronous append so a line written before a SIGKILL is on disk. Lines are
 * short (< PIPE_BUF) and every writer opens with O_APPEND, so lines of concurrent processes never interleave.
 */
export function appendCompletion(ledgerFile: string, jobId: string, worker: string): void {
  appendFileSync(ledgerFile, `${jobId} ${worker}\n`);
}

/** Completions per job id. A torn last line (the writer was killed mid-write) is ignored. */
export function readLedger(ledgerFile: string): Map<string, number> {
  const counts = new Map<string, number>();
  if (!existsSync(ledgerFile)) return counts;
  for (const line of readFileSync(ledgerFile, 'utf8').split('\n')) {
    const id = line.split(' ')[0];
    if (!id || !line.includes(' ')) continue;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

export interface Accounting {
  /** Jobs whose add() the caller saw succeed. */
  sent: number;
  /** Distinct sent jobs found in the ledger. */
  completed: number;
  /** Sent jobs never completed: must be 0. */
  lost: number;
  /** Extra completions beyond the first, summed over jobs (at-least-once redeliveries). */
  duplicated: number;
  /** Ledger lines for ids nobody sent (would mean a corrupted or foreign job). */
  unknown: number;
  /** Up to 20 lost ids, for the report. */
  lostSample: string[];
}

export function account(sent: Iterable<string>, completions: ReadonlyMap<string, number>): Accounting {
  const sentSet = new Set(sent);
  let completed = 0;
  let duplicated = 0;
  const lostSample: string[] = [];
  let lost = 0;
  for (const id of sentSet) {
    const n = completions.get(id) ?? 0;
    if (n === 0) {
      lost++;
      if (lostSample.length < 20) lostSample.push(id);
    } else {
      completed++;
      duplicated += n - 1;
    }
  }
  let unknown = 0;
  for (const id of completions.keys()) if (!sentSet.has(id)) unknown++;
  return { sent: sentSet.size, completed, lost, duplicated, unknown, lostSample };
}

/** Every ledger line as { id, worker }, in write order (torn last line ignored). */
export function readLedgerEntries(ledgerFile: string): { id: string; worker: string }[] {
  if (!existsSync(ledgerFile)) return [];
  const entries: { id: string; worker: string }[] = [];
  for (const line of readFileSync(ledgerFile, 'utf8').split('\n')) {
    const [id, worker] = line.split(' ');
    if (id && worker) entries.push({ id, worker });
  }
  return entries;
}
