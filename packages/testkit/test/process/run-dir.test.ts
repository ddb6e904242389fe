import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isAlive, waitForExit } from '../../src/process/process-info.js';
import { CHILD_PID_FILE, createRunDir, sweepStaleRunDirs } from '../../src/process/run-dir.js';

let root: string;
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A pid that certainly belongs to no live process: a child that has already exited. */
function deadPid(): number {
  const result = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(result.stdout);
}

describe('sweepStaleRunDirs', () => {
  it('keeps folders owned by a live process', async () => {
    root = await mkdtemp(join(tmpdir(), 'sharq-rundir-'));
    const mine = await createRunDir(root);
    expect(await sweepStaleRunDirs(root)).toEqual([]);
    expect(existsSync(mine)).toBe(true);
  });

  it('removes a killed run and kills the process still running from it', async () => {
    root = await mkdtemp(join(tmpdir(), 'sharq-rundir-'));
    const dir = join(root, 'run-stale');
    await mkdir(dir);
    await writeFile(
      join(dir, 'owner.json'),
      JSON.stringify({ ownerPid: deadPid(), ownerCommand: 'node gone', createdAt: '' }),
    );
    // A leftover "broker": its command line names the folder, as the JVM's -Dsharq.testkit.run does.
    const leftover = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)', dir], { stdio: 'ignore' });
    await new Promise((resolve) => leftover.once('spawn', resolve));
    await writeFile(join(dir, CHILD_PID_FILE), `${leftover.pid}\n`);

    expect(await sweepStaleRunDirs(root)).toEqual([dir]);
    expect(existsSync(dir)).toBe(false);
    expect(await waitForExit(leftover.pid!, 5000)).toBe(true);
  });

  it('leaves a recorded pid alone when its command line does not name the folder (pid reused)', async () => {
    root = await mkdtemp(join(tmpdir(), 'sharq-rundir-'));
    const dir = join(root, 'run-reused');
    await mkdir(dir);
    await writeFile(
      join(dir, 'owner.json'),
      JSON.stringify({ ownerPid: deadPid(), ownerCommand: 'node gone', createdAt: '' }),
    );
    const unrelated = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    await new Promise((resolve) => unrelated.once('spawn', resolve));
    await writeFile(join(dir, CHILD_PID_FILE), `${unrelated.pid}\n`);
    try {
      expect(await sweepStaleRunDirs(root)).toEqual([dir]);
      expect(isAlive(unrelated.pid!)).toBe(true);
    } finally {
      unrelated.kill('SIGKILL');
    }
  });
});
