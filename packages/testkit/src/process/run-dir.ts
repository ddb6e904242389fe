import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { commandLineOf, isAlive, signalIfAlive, waitForExit } from './process-info.js';

/** Written into every run folder: who owns it, so a later run can tell a live neighbour from a dead one. */
interface RunOwner {
  readonly ownerPid: number;
  readonly ownerCommand: string;
  readonly createdAt: string;
}

const OWNER_FILE = 'owner.json';
/** Pid file of the supervised process (see WatchdogSpec.pidFile). */
export const CHILD_PID_FILE = 'child.pid';
const ORPHAN_DIR_MS = 10 * 60 * 1000;

/** A fresh, uniquely named run folder under `root`, owned by this process. */
export async function createRunDir(root: string): Promise<string> {
  const dir = join(root, `run-${Date.now().toString(36)}-${process.pid}-${randomBytes(3).toString('hex')}`);
  await mkdir(dir, { recursive: true });
  const owner: RunOwner = {
    ownerPid: process.pid,
    ownerCommand: commandLineOf(process.pid),
    createdAt: new Date().toISOString(),
  };
  await writeFile(join(dir, OWNER_FILE), `${JSON.stringify(owner)}\n`);
  return dir;
}

/**
 * Removes run folders whose owner process is gone (a killed test run), first killing any process still
 * running from them. A recorded pid is only killed if its command line names the folder, so a pid the OS
 * has since reused for something else is left alone. Returns the folders removed.
 */
export async function sweepStaleRunDirs(root: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(root);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const entry of entries) {
    if (!entry.startsWith('run-')) continue;
    const dir = join(root, entry);
    if (!(await isStale(dir))) continue;
    await killLeftovers(dir);
    await rm(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}

async function isStale(dir: string): Promise<boolean> {
  const owner = readOwner(dir);
  if (owner === undefined) {
    // No owner file: either being created right now or left half-made; only old ones are stale.
    const info = await stat(dir).catch(() => undefined);
    return info !== undefined && Date.now() - info.mtimeMs > ORPHAN_DIR_MS;
  }
  return !(isAlive(owner.ownerPid) && commandLineOf(owner.ownerPid) === owner.ownerCommand);
}

function readOwner(dir: string): RunOwner | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(join(dir, OWNER_FILE), 'utf8'));
    if (
      typeof value === 'object' &&
      value !== null &&
      'ownerPid' in value &&
      typeof value.ownerPid === 'number' &&
      'ownerCommand' in value &&
      typeof value.ownerCommand === 'string'
    ) {
      return value as RunOwner;
    }
  } catch {
    // Unreadable or half-written: treated like a missing owner file.
  }
  return undefined;
}

async function killLeftovers(dir: string): Promise<void> {
  const pid = readPid(join(dir, CHILD_PID_FILE));
  if (pid !== undefined && isAlive(pid) && commandLineOf(pid).includes(dir)) {
    signalIfAlive(pid, 'SIGKILL');
    await waitForExit(pid, 10_000);
  }
}

export function readPid(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
