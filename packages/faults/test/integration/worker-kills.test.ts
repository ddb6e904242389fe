import { describe, expect, it } from 'vitest';
import { formatReport } from '../../src/harness/report.js';
import { run } from '../../src/scenarios/worker-kills.js';

describe('fault scenario 1: worker kills (quick)', () => {
  it('SIGKILLing random supervised worker processes loses no job; duplicates stay within what was in flight', async () => {
    const report = await run({ quick: true });
    console.log(formatReport(report));
    expect(report.problems).toEqual([]);
    expect(report.lost).toBe(0);
    expect(report.completed).toBe(5_000);
    expect(report.notes.kills).toBeGreaterThanOrEqual(3);
  }, 240_000);
});
