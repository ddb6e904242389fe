import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built `sharq` binary of @sharq/cli. */
export const SHARQ_BIN = join(dirname(fileURLToPath(import.meta.resolve('@sharq/cli'))), 'bin', 'sharq.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runSharq(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [SHARQ_BIN, ...args],
      { env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

export interface LongRunning {
  child: ChildProcess;
  output(): string;
}

export function startSharq(args: readonly string[], env: Record<string, string> = {}): LongRunning {
  const child = spawn(process.execPath, [SHARQ_BIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-200_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return { child, output: () => output };
}

/** Direct children of `parent` (the supervisor's worker processes). */
export function childPids(parent: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(parent)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}
