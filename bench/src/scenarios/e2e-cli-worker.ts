/**
 * The e2e scenario's `sharq worker` row: I/O-bound jobs (each awaits `jobMs`) processed by the CLI's
 * supervisor with its defaults (1 process, thread isolation) at `--concurrency`. The processor appends to a
 * ledger file (procs/ledger-processor.ts); the run is timed from the first job's start (the CLI's start-up,
 * fork and group join excluded) to the moment the ledger holds every job.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, perSecond } from '../util/measure.js';

const PROCESSOR = fileURLToPath(new URL('../procs/ledger-processor.js', import.meta.url));

/** The built `sharq` binary of the workspace's @sharq/cli. */
function sharqBin(): string {
  // The package exports only its dist/index.js; the binary sits beside it in dist/bin.
  const main = createRequire(import.meta.url).resolve('@sharq/cli');
  return join(dirname(main), 'bin', 'sharq.js');
}

function ledgerCount(path: string): number {
  if (!existsSync(path)) return 0;
  const text = readFileSync(path, 'utf8');
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

/** Earliest job start in the ledger (epoch ms). */
function firstStart(path: string): number {
  let first = Number.POSITIVE_INFINITY;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const started = Number(line.split(' ')[1]);
    if (started < first) first = started;
  }
  return first;
}

export interface CliWorkerRun {
  perSec: number;
  ms: number;
  load1: number;
}

/** Runs `sharq worker` on a queue already holding `jobs` jobs until the ledger has them all. */
export async function runCliWorker(options: {
  queue: string;
  brokers: string[];
  jobs: number;
  concurrency: number;
  timeoutMs: number;
  log: (line: string) => void;
}): Promise<CliWorkerRun> {
  const dir = mkdtempSync(join(tmpdir(), 'sharq-bench-cli-'));
  const ledger = join(dir, 'ledger');
  let output = '';
  const child = spawn(
    process.execPath,
    [
      sharqBin(),
      'worker',
      PROCESSOR,
      '--queue',
      options.queue,
      '--concurrency',
      String(options.concurrency),
      '--brokers',
      options.brokers.join(','),
    ],
    { env: { ...process.env, SHARQ_BENCH_LEDGER: ledger }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const run = await measure(async () => {
      const deadline = Date.now() + options.timeoutMs;
      while (ledgerCount(ledger) < options.jobs) {
        if (child.exitCode !== null) throw new Error(`sharq worker exited early:\n${output}`);
        if (Date.now() > deadline) throw new Error(`sharq worker: timed out; output:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return Date.now() - firstStart(ledger);
    });
    const ms = run.value;
    options.log(`sharq worker: ${options.jobs} jobs in ${Math.round(ms)} ms from the first start`);
    return { perSec: perSecond(options.jobs, ms), ms, load1: run.load1After };
  } finally {
    child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
}
