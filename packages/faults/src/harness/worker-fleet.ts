import { type ChildProcess, fork } from 'node:child_process';
import { distFile } from './dist-file.js';
import {
  CHILD_SPEC_ENV,
  type ChildCounters,
  type ChildMessage,
  type ChildSpec,
  emptyCounters,
} from './child-protocol.js';

const CHILD_SCRIPT = distFile('harness/worker-child.js');

interface Slot {
  index: number;
  child: ChildProcess;
  ready: boolean;
  /** Exits we caused (SIGKILL by the scenario) are expected; any other exit is a crash. */
  expectedExit: boolean;
  counters: ChildCounters | undefined;
  spawnedAt: number;
}

function addCounters(into: ChildCounters, from: ChildCounters): void {
  into.completed += from.completed;
  into.failed += from.failed;
  into.duplicate += from.duplicate;
  into.lockLost += from.lockLost;
  into.malformed += from.malformed;
  into.dead += from.dead;
  into.errors += from.errors;
  into.rss = Math.max(into.rss, from.rss);
  for (const [k, v] of Object.entries(from.errorKinds)) into.errorKinds[k] = (into.errorKinds[k] ?? 0) + v;
}

/**
 * N worker processes (worker-child.ts) on one queue. The scenario kills, stops and continues them;
 * `respawn` restarts a process the scenario killed. Unexpected exits are counted as crashes.
 */
export class WorkerFleet {
  readonly #slots: Slot[] = [];
  /** Counters of incarnations that have exited. */
  readonly #retired = emptyCounters();
  #peakRss = 0;
  crashes: { index: number; code: number | null; signal: NodeJS.Signals | null; stderr: string }[] = [];
  /** Processes that did not exit within the grace period of stop() and were SIGKILLed (a hung close). */
  forcedKills: number[] = [];
  /** ms from a respawn to the new process reporting ready, per respawn. */
  readyTimes: number[] = [];

  constructor(
    private readonly spec: (index: number) => ChildSpec,
    readonly size: number,
  ) {
    for (let i = 0; i < size; i++) this.#slots.push(this.#spawn(i));
  }

  #spawn(index: number): Slot {
    const child = fork(CHILD_SCRIPT, [], {
      env: { ...process.env, [CHILD_SPEC_ENV]: JSON.stringify(this.spec(index)) },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const slot: Slot = {
      index,
      child,
      ready: false,
      expectedExit: false,
      counters: undefined,
      spawnedAt: Date.now(),
    };
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'ready') {
        slot.ready = true;
        this.readyTimes.push(Date.now() - slot.spawnedAt);
      } else if (message.type === 'stats') {
        slot.counters = message.counters;
        this.#peakRss = Math.max(this.#peakRss, message.counters.rss);
      }
    });
    child.on('exit', (code, signal) => {
      if (slot.counters) addCounters(this.#retired, slot.counters);
      slot.counters = undefined;
      if (!slot.expectedExit) this.crashes.push({ index, code, signal, stderr });
    });
    return slot;
  }

  get pids(): number[] {
    return this.#slots.map((s) => s.child.pid ?? 0);
  }

  allReady(): boolean {
    return this.#slots.every((s) => s.ready);
  }

  async waitReady(timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.allReady()) {
      if (this.crashes.length > 0) throw new Error(`worker process crashed: ${this.crashes[0]?.stderr}`);
      if (Date.now() > deadline) throw new Error('worker processes did not become ready');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** SIGKILLs worker `index` (a crash the scenario asked for); `respawn` starts a replacement at once. */
  kill(index: number, respawn: boolean): void {
    const slot = this.#slots[index];
    if (!slot) return;
    slot.expectedExit = true;
    slot.child.kill('SIGKILL');
    if (respawn) this.#slots[index] = this.#spawn(index);
  }

  signal(index: number, signal: 'SIGSTOP' | 'SIGCONT'): void {
    this.#slots[index]?.child.kill(signal);
  }

  /** The latest counters of each live process (stall diagnosis). */
  live(): { index: number; pid: number | undefined; counters: ChildCounters | undefined }[] {
    return this.#slots.map((s) => ({ index: s.index, pid: s.child.pid, counters: s.counters }));
  }

  totals(): ChildCounters & { peakRss: number } {
    const total = emptyCounters();
    addCounters(total, this.#retired);
    for (const slot of this.#slots) if (slot.counters) addCounters(total, slot.counters);
    return { ...total, peakRss: this.#peakRss };
  }

  /** Graceful close of every live process (shutdown message, SIGKILL after `graceMs`). */
  async stop(graceMs = 10_000): Promise<void> {
    await Promise.all(
      this.#slots.map(async (slot) => {
        const { child } = slot;
        slot.expectedExit = true;
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGCONT');
        if (child.connected) child.send({ type: 'shutdown' });
        else child.kill('SIGTERM');
        const timer = setTimeout(() => {
          this.forcedKills.push(slot.index);
          child.kill('SIGKILL');
        }, graceMs);
        await exited;
        clearTimeout(timer);
      }),
    );
  }
}
