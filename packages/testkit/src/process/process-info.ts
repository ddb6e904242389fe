import { readFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

const onLinux = process.platform === 'linux';

/** True while `pid` names a live (not zombie) process. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (!onLinux) return true;
  try {
    // Field 3 of /proc/<pid>/stat is the state; a zombie has exited and only waits to be reaped.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    // Gone between kill(0) and the read.
    return false;
  }
}

/** The command line of `pid` ('' when it is gone), used to make sure a recorded pid is still ours. */
export function commandLineOf(pid: number): string {
  if (onLinux) {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
    } catch {
      return '';
    }
  }
  const result = spawnSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : '';
}

/** Resident memory of `pid` in bytes: current and peak (peak only on Linux). */
export function memoryOf(pid: number): { rssBytes: number; peakRssBytes: number | undefined } | undefined {
  if (onLinux) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = (field: string) => {
        const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
        return match ? Number(match[1]) * 1024 : undefined;
      };
      const rssBytes = kb('VmRSS');
      return rssBytes === undefined ? undefined : { rssBytes, peakRssBytes: kb('VmHWM') };
    } catch {
      return undefined;
    }
  }
  const result = spawnSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' });
  const kb = Number(result.stdout.trim());
  return result.status === 0 && Number.isFinite(kb)
    ? { rssBytes: kb * 1024, peakRssBytes: undefined }
    : undefined;
}

/** Sends `signal` if the process still exists; a vanished process is not an error. */
export function signalIfAlive(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** Resolves true once `pid` is gone, false if it is still alive after `timeoutMs`. */
export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() >= deadline) return false;
    await sleep(50);
  }
  return true;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
export async function terminate(pid: number, graceMs: number): Promise<void> {
  signalIfAlive(pid, 'SIGTERM');
  if (await waitForExit(pid, graceMs)) return;
  signalIfAlive(pid, 'SIGKILL');
  await waitForExit(pid, 5000);
}

/** Direct children of `parent` (e.g. a supervisor's worker processes); [] when it has none. */
export function childPids(parent: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(parent)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    // pgrep exits 1 when nothing matches.
    return [];
  }
}
