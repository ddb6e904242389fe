/**
 * Found by fault scenario 8: `sharq worker` with a processor file that exports no function used to restart
 * its child forever. Now the CLI loads the processor before forking (exit 2), and a child that reports a
 * fatal error before its first 'ready' stops the supervisor instead of being restarted.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testBrokers, uniqueName } from '@sharq/testkit';
import { describe, expect, it } from 'vitest';
import { runSharq } from '../../src/harness/sharq-cli.js';

describe('sharq worker with a processor file that exports nothing', () => {
  it('exits with a usage error instead of restarting the child forever', async () => {
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
