/**
 * One fault scenario in quick mode as a test: its report is printed, and it must pass with no job lost and
 * every sent job completed (or `completed` of them), plus whatever `also` checks.
 */
import { describe, expect, it } from 'vitest';
import { formatReport, type ScenarioReport } from '../../src/harness/report.js';
import type { Scenario } from '../../src/scenarios/index.js';

export function quickScenarioTest(
  title: string,
  claim: string,
  scenario: Scenario,
  options: { timeoutMs?: number; completed?: number; also?: (report: ScenarioReport) => void } = {},
): void {
  describe(title, () => {
    it(
      claim,
      async () => {
        const report = await scenario({ quick: true });
        console.log(formatReport(report));
        expect(report.problems).toEqual([]);
        expect(report.lost).toBe(0);
        expect(report.completed).toBe(options.completed ?? report.sent);
        options.also?.(report);
      },
      options.timeoutMs ?? 300_000,
    );
  });
}
