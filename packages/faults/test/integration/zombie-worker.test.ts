import { describe, expect, it } from 'vitest';
import { formatReport } from '../../src/harness/report.js';
import { run } from '../../src/scenarios/zombie-worker.js';

describe('fault scenario 2: zombie worker (quick)', () => {
  it('the late ACCEPTs of a SIGSTOPped worker are reported as duplicates, it survives, no job lost', async () => {
    const report = await run({ quick: true });
    console.log(formatReport(report));
    expect(report.problems).toEqual([]);
    expect(report.lost).toBe(0);
    expect(report.completed).toBe(report.sent);
  }, 300_000);
});
