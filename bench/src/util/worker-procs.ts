/**
 * Runs worker child processes (procs/worker-proc.js) for a scenario and collects what they report:
 * distinct completed job indices (duplicates counted apart), optional timings, CPU and RSS.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BenchError } from '../errors.js';
import type { ChildMessage, ParentMessage, WorkerProcConfig } from '../procs/protocol.js';
import { waitFor } from './time.js';

const SCRIPT = fileURLToPath(new URL('../procs/worker-proc.js', import.meta.url));

export interface ProcStats {
  pid: number;
  cpuMicros: number;
  rssBytes: number;
}

export class WorkerProcs {
  readonly done: Uint8Array;
  completed = 0;
  duplicates = 0;
  /** Per job: start and complete (epoch ms), when timings are on. */
  readonly startAt: Float64Array;
  readonly completeAt: Float64Array;
  /** Crashes: a worker process that exited with an error or had to be killed. Fail the run. */
  readonly errors: string[] = [];
  /** Problems the workers reported and survived (their 'error' events): noted, never fatal. */
  readonly warnings: string[] = [];
  readonly stats: ProcStats[] = [];
  private readonly children: ChildProcess[] = [];
  private readyCount = 0;
  private closedCount = 0;
  private exited = 0;
  /** Called on every completion report (the count so far). */
  onProgress: ((completed: number) => void) | undefined;

  constructor(
    readonly expected: number,
    private readonly log: (line: string) => void,
  ) {
    this.done = new Uint8Array(expected);
    this.startAt = new Float64Array(expected).fill(Number.NaN);
    this.completeAt = new Float64Array(expected).fill(Number.NaN);
  }

  /** SHARQ_BENCH_CPU_PROF=<dir> profiles every worker process (node --cpu-prof) into that folder. */
  spawn(count: number, config: WorkerProcConfig): void {
    const profDir = process.env.SHARQ_BENCH_CPU_PROF;
    const execArgv = profDir ? ['--cpu-prof', '--cpu-prof-dir', profDir] : [];
    for (let n = 0; n < count; n++) {
      const child = fork(SCRIPT, [JSON.stringify(config)], {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        execArgv,
      });
      this.children.push(child);
      child.on('message', (message: ChildMessage) => this.receive(child, message, config.timings));
      child.on('exit', (code, signal) => {
        this.exited++;
        if (code !== 0 && code !== null) this.errors.push(`worker process ${child.pid} exited with ${code}`);
        if (signal && signal !== 'SIGTERM') this.errors.push(`worker process ${child.pid} died by ${signal}`);
      });
    }
  }

  get pids(): number[] {
    return this.children.map((c) => c.pid ?? -1);
  }

  private receive(child: ChildProcess, message: ChildMessage, timings: boolean): void {
    switch (message.type) {
      case 'ready':
        this.readyCount++;
        break;
      case 'done':
        this.record(message.flat, timings);
        break;
      case 'cpu':
        this.stats.push({
          pid: child.pid ?? -1,
          cpuMicros: message.userMicros + message.systemMicros,
          rssBytes: message.rssBytes,
        });
        break;
      case 'error':
        this.warnings.push(message.message);
        this.log(`  worker ${child.pid}: ${message.message}`);
        break;
      case 'closed':
        this.closedCount++;
        break;
    }
  }

  private record(flat: number[], timings: boolean): void {
    const step = timings ? 3 : 1;
    for (let k = 0; k < flat.length; k += step) {
      const i = flat[k] as number;
      if (i < 0 || i >= this.expected) continue;
      if (this.done[i]) {
        this.duplicates++;
        continue;
      }
      this.done[i] = 1;
      this.completed++;
      if (timings) {
        this.startAt[i] = flat[k + 1] as number;
        this.completeAt[i] = flat[k + 2] as number;
      }
    }
    this.onProgress?.(this.completed);
  }

  async ready(timeoutMs = 120_000): Promise<void> {
    await waitFor(
      'worker processes to be ready',
      () => {
        if (this.exited > 0)
          throw new BenchError(
            'PEER_FAILED',
            `a worker process exited early: ${[...this.errors, ...this.warnings].join('; ')}`,
          );
        return this.readyCount === this.children.length;
      },
      timeoutMs,
    );
  }

  broadcast(message: ParentMessage): void {
    for (const child of this.children) if (child.connected) child.send(message);
  }

  /** Resolves when `target` distinct jobs completed; throws on timeout or a dead child. */
  async until(target: number, timeoutMs: number): Promise<void> {
    await waitFor(
      `${target} completed jobs (have ${this.completed})`,
      () => {
        if (this.exited > 0)
          throw new BenchError('PEER_FAILED', `a worker process exited: ${this.errors.join('; ')}`);
        return this.completed >= target;
      },
      timeoutMs,
      5,
    );
  }

  /** Graceful stop of every child (collects CPU/RSS); SIGKILL after `graceMs`. */
  async stop(graceMs = 20_000): Promise<void> {
    const alive = this.children.filter((c) => c.exitCode === null && c.signalCode === null && c.connected);
    this.broadcast({ type: 'stop' });
    try {
      await waitFor('worker processes to close', () => this.closedCount >= alive.length, graceMs);
    } catch {
      this.warnings.push('worker processes did not close in time (killed)');
    }
    // A child exits by itself once closed (and writes its --cpu-prof profile then): give it a moment.
    await waitFor('worker processes to exit', () => this.exited >= this.children.length, 5_000).catch(
      () => {},
    );
    for (const child of this.children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }

  /**
   * Waits until the first completion, then until every job is done or `windowMs` passed since it.
   * Throws on `timeoutMs` without any completion, or a dead child.
   */
  async window(windowMs: number, timeoutMs: number): Promise<void> {
    await this.until(1, timeoutMs);
    const end = performance.now() + windowMs;
    await waitFor(
      'the measuring window',
      () => this.completed >= this.expected || performance.now() >= end,
      windowMs + 5_000,
      5,
    );
  }

  /** Completions per second with timings: from the earliest job start, over `windowMs` or until the last completion. */
  rateFromTimings(windowMs: number): { perSec: number; firstStart: number; spanMs: number; counted: number } {
    let firstStart = Number.POSITIVE_INFINITY;
    for (let i = 0; i < this.expected; i++) if (this.startAt[i]! < firstStart) firstStart = this.startAt[i]!;
    const cutoff = firstStart + windowMs;
    let counted = 0;
    let last = firstStart;
    for (let i = 0; i < this.expected; i++) {
      const at = this.completeAt[i]!;
      if (at <= cutoff) {
        counted++;
        if (at > last) last = at;
      }
    }
    const spanMs = counted === this.expected ? last - firstStart : windowMs;
    return { perSec: spanMs > 0 ? (counted / spanMs) * 1000 : Number.NaN, firstStart, spanMs, counted };
  }

  cpuMicros(): number {
    return this.stats.reduce((sum, s) => sum + s.cpuMicros, 0);
  }
}
