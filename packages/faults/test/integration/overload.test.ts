import { describe, expect, it } from 'vitest';
import { formatReport } from '../../src/harness/report.js';
import { run } from '../../src/scenarios/overload.js';

describe('fault scenario 7: overload (quick)', () => {
  it('a producer far faster than the workers: memory bounded, lag reported correctly, the backlog drains', async () => {
    const report = await run({ quick: true });
    console.log(formatReport(report));
    expect(report.problems).toEqual([]);
    expect(report.lost).toBe(0);
    expect(report.completed).toBe(report.sent);
  }, 300_000);
});
