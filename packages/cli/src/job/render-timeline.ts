/** `sharq job` as text: a header with the state, then one line per event in time order. */
import type { JobTimeline } from '@sharq/core';

const time = (ts: number | undefined) => (ts === undefined ? '?' : new Date(ts).toISOString());

export function renderTimeline(queue: string, t: JobTimeline): string {
  const lines = [
    `job ${t.jobId} (${t.name ?? 'name unknown'}) on ${queue}: ${t.state}`,
    `added ${time(t.addedAt)} · ${t.attempts.length} attempt(s)`,
    '',
  ];
  for (const entry of t.entries) {
    const who = entry.workerId ? ` by ${entry.workerId}` : '';
    const attempt = entry.attempt !== undefined ? ` #${entry.attempt}` : '';
    const detail = entry.detail ? `  ${entry.detail}` : '';
    lines.push(`${time(entry.ts)}  ${entry.type}${attempt}${who}${detail}`);
  }
  return lines.join('\n');
}
