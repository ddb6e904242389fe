import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { childPids } from '../../src/process/process-info.js';

describe('childPids', () => {
  it('lists the direct children of a process, and none once they are gone', async () => {
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    const pid = child.pid ?? -1;
    try {
      expect(childPids(process.pid)).toContain(pid);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    expect(childPids(process.pid)).not.toContain(pid);
    expect(childPids(pid)).toEqual([]);
  });
});
