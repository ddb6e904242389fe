import { describe, expect, it } from 'vitest';
import { formatReport } from '../../src/harness/report.js';
import { run } from '../../src/scenarios/garbage.js';

describe('fault scenario 6: garbage (quick)', () => {
  it('every valid job completes, every bad record is dead-lettered as malformed, no worker dies', async () => {
    const report = await run({ quick: true });
    console.log(formatReport(report));
    expect(report.problems).toEqual([]);
    expect(report.lost).toBe(0);
    expect(report.completed).toBe(report.sent);
  }, 300_000);
});
