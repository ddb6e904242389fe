import type { Accounting } from '../ledger/ledger.js';

/** What every scenario returns and prints. `ok` is the scenario's own verdict (lost 0 plus its checks). */
export interface ScenarioReport extends Accounting {
  scenario: string;
  quick: boolean;
  /** Longest time from a fault to the system making progress again (ms), 0 when no fault applies. */
  recoveryMs: number;
  durationMs: number;
  /** Scenario-specific facts (kills, duplicates reported by workers, DLQ counts, memory peaks...). */
  notes: Record<string, number | string | boolean>;
  /** Failed checks in plain words; empty when the scenario passed. */
  problems: string[];
  /** Reported bugs in others' code the scenario still observes: printed, not failing the verdict. */
  knownBugs: string[];
  ok: boolean;
}

export function finishReport(
  base: Omit<ScenarioReport, 'ok' | 'problems' | 'knownBugs'> & { problems?: string[]; knownBugs?: string[] },
): ScenarioReport {
  const problems = [...(base.problems ?? [])];
  if (base.lost > 0)
    problems.unshift(`${base.lost} job(s) lost, e.g. ${base.lostSample.slice(0, 5).join(', ')}`);
  if (base.unknown > 0) problems.push(`${base.unknown} completion(s) of jobs nobody sent`);
  return { ...base, problems, knownBugs: base.knownBugs ?? [], ok: problems.length === 0 };
}

export function formatReport(report: ScenarioReport): string {
  const notes = Object.entries(report.notes)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  const lines = [
    `${report.ok ? 'PASS' : 'FAIL'} ${report.scenario}${report.quick ? ' (quick)' : ''}: sent ${report.sent}, ` +
      `completed ${report.completed}, LOST ${report.lost}, duplicated ${report.duplicated}, ` +
      `longest recovery ${(report.recoveryMs / 1000).toFixed(1)} s, took ${(report.durationMs / 1000).toFixed(1)} s`,
  ];
  if (notes) lines.push(`  ${notes}`);
  for (const problem of report.problems) lines.push(`  problem: ${problem}`);
  for (const bug of report.knownBugs) lines.push(`  known bug (reported): ${bug}`);
  return lines.join('\n');
}

export function formatTable(reports: readonly ScenarioReport[]): string {
  const header = '| scenario | sent | completed | lost | duplicated | longest recovery | verdict |';
  const rows = reports.map(
    (r) =>
      `| ${r.scenario}${r.quick ? ' (quick)' : ''} | ${r.sent} | ${r.completed} | ${r.lost} | ${r.duplicated} | ` +
      `${(r.recoveryMs / 1000).toFixed(1)} s | ${r.ok ? 'pass' : 'FAIL'} |`,
  );
  return [header, '|---|---|---|---|---|---|---|', ...rows].join('\n');
}
