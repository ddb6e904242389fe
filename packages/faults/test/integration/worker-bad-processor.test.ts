/**
 * Known bug found by fault scenario 8 (reported, not fixed here): `sharq worker` with a processor file that
 * exports no function never exits. The child prints the clear error and sends { type: 'fatal', code: 'USAGE' }
 * (packages/cli/src/supervisor/child.ts), but the Supervisor (packages/cli/src/supervisor/supervisor.ts)
 * ignores 'fatal' and restarts the child with backoff forever (0.5 s, 1 s, 2 s … 30 s).
 * Expected: a fatal usage error before the first 'ready' stops the supervisor with exit code 2.
 * `it.fails` keeps CI green while the bug stands and turns red once it is fixed: then drop `.fails`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testBrokers, uniqueName } from '@sharq/testkit';
import { describe, expect, it } from 'vitest';
import { runSharq } from '../../src/harness/sharq-cli.js';

describe('sharq worker with a processor file that exports nothing', () => {
  it.fails('exits with a usage error instead of restarting the child forever', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sharq-faults-proc-')), 'no-processor.mjs');
    writeFileSync(file, 'export const notAProcessor = 42;\n');
    const result = await runSharq(
      ['worker', file, '--queue', uniqueName('faults-badproc'), '--brokers', testBrokers().join(',')],
      {},
      15_000,
    );
    expect(result.timedOut).toBe(false);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('must export a function');
  }, 30_000);
});
