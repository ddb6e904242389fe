import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { account, appendCompletion, readLedger } from '../src/ledger/ledger.js';

describe('ledger', () => {
  it('counts lost, duplicated and unknown completions', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ledger-')), 'ledger');
    appendCompletion(file, 'a', 'w1');
    appendCompletion(file, 'b', 'w1');
    appendCompletion(file, 'b', 'w2');
    appendCompletion(file, 'x', 'w2');
    const result = account(['a', 'b', 'c'], readLedger(file));
    expect(result).toEqual({ sent: 3, completed: 2, lost: 1, duplicated: 1, unknown: 1, lostSample: ['c'] });
  });

  it('ignores a torn last line left by a killed writer', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ledger-')), 'ledger');
    writeFileSync(file, 'a w1\nb');
    expect([...readLedger(file).keys()]).toEqual(['a']);
  });
});
