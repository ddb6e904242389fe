import { describe, expect, it } from 'vitest';
import { formatReport } from '../../src/harness/report.js';
import { run } from '../../src/scenarios/redis-outage.js';

describe('fault scenario 5: Redis outage (quick)', () => {
  it('fail-closed stops starting jobs, fail-open keeps going, both recover, no job lost', async () => {
    const report = await run({ quick: true });
    console.log(formatReport(report));
    expect(report.problems).toEqual([]);
    expect(report.lost).toBe(0);
    expect(report.completed).toBe(report.sent);
  }, 300_000);
});
