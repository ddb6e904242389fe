import { describe, expect, it } from 'vitest';
import { formatReport } from '../../src/harness/report.js';
import { run } from '../../src/scenarios/leader-failover.js';

describe('fault scenario 4: leader failover (quick)', () => {
  it('SIGKILL of the partition leader in a 3-node cluster (replication 3, min ISR 2) loses no job', async () => {
    const report = await run({ quick: true });
    console.log(formatReport(report));
    expect(report.problems).toEqual([]);
    expect(report.lost).toBe(0);
    expect(report.completed).toBe(report.sent);
  }, 420_000);
});
