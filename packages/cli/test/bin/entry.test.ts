import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const ENTRY = fileURLToPath(new URL('../../bin/sharq.js', import.meta.url));
const run = promisify(execFile);
let scratch: string | undefined;

afterEach(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
  scratch = undefined;
});

// Each test starts a Node process: under CI's parallel unit-test load that took more than vitest's 5 s default
// (Node 24 step, 2 cores). What is checked is what the process prints, not how fast it starts.
const PROCESS_TIMEOUT_MS = 30_000;

describe('the committed `sharq` entry point', { timeout: PROCESS_TIMEOUT_MS }, () => {
  it('runs the built CLI', async () => {
    const { stdout } = await run(process.execPath, [ENTRY, '--help']);
    expect(stdout).toContain('Usage: sharq');
  });

  it('says how to build when dist/ is missing, without a stack trace', async () => {
    scratch = await mkdtemp(join(tmpdir(), 'sharq-entry-'));
    await mkdir(join(scratch, 'bin'));
    const copy = join(scratch, 'bin', 'sharq.js');
    await copyFile(ENTRY, copy);
    const failure = await run(process.execPath, [copy, '--help']).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('npm run build');
    expect(failure?.stderr).not.toMatch(/\n\s+at /);
  });

  it('stops quietly when its reader closes the pipe', async () => {
    const { stdout, stderr } = await run('bash', [
      '-c',
      `"${process.execPath}" "${ENTRY}" --help | head -n 1`,
    ]);
    expect(stdout.trim()).toBe('Usage: sharq [options] [command]');
    expect(stderr).toBe('');
  });
});
