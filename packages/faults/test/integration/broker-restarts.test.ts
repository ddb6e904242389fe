import { describe, expect, it } from 'vitest';
import { formatReport } from '../../src/harness/report.js';
import { run } from '../../src/scenarios/broker-restarts.js';

describe('fault scenario 3: broker restarts (quick)', () => {
  it('two restarts of its own broker (SIGKILL, SIGTERM): producers and workers resume, no acknowledged add lost', async () => {
    const report = await run({ quick: true });
    console.log(formatReport(report));
    expect(report.problems).toEqual([]);
    expect(report.lost).toBe(0);
    expect(report.completed).toBe(report.sent);
  }, 300_000);
});
