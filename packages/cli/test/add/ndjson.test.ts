import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJobFile } from '../../src/add/ndjson.js';

function file(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'sharq-ndjson-')), 'jobs.ndjson');
  writeFileSync(path, content);
  return path;
}

describe('readJobFile', () => {
  it('reads jobs, keeps their file line numbers and reports every bad line by number', async () => {
    const path = file(
      [
        '{"data":{"a":1}}',
        '',
        '{"name":"x","data":2,"opts":{"attempts":3}}',
        'oops',
        '[1]',
        '{"name":5,"data":1}',
        '{"data":3,"opts":[]}',
      ].join('\n'),
    );
    const parsed = await readJobFile(path, 'default');
    expect(parsed.jobs).toEqual([
      { name: 'default', data: { a: 1 }, opts: undefined },
      { name: 'x', data: 2, opts: { attempts: 3 } },
    ]);
    expect(parsed.lineNumbers).toEqual([1, 3]);
    expect(parsed.problems.map((p) => p.line)).toEqual([4, 5, 6, 7]);
    expect(parsed.problems[0]?.message).toMatch(/not JSON/);
    expect(parsed.problems[1]?.message).toMatch(/"data"/);
  });
});
