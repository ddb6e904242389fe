import { type ChildProcess, fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import {
  CHILD_CONFIG_ENV,
  type ChildConfig,
  type ChildToSupervisor,
  type SupervisorToChild,
} from './child-config.js';
import { crashesAfter, type RestartPolicy, restartDelay } from './restart-policy.js';

interface Slot {
  index: number;
  /** Set once any child of this slot reported ready: from then on a crash is worth a restart. */
  everReady: boolean;
  fatal: { code: string; message: string } | undefined;
  child: ChildProcess | undefined;
  startedAt: number;
  crashes: number;
  restartTimer: NodeJS.Timeout | undefined;
  /** Counts reported by the current child, plus those of its crashed predecessors. */
  completed: number;
  failed: number;
  earlierCompleted: number;
  earlierFailed: number;
}

export interface SupervisorEvents {
  ready: [index: number, workerId: string, metricsUrl: string | undefined];
  crashed: [index: number, exit: { code: number | null; signal: NodeJS.Signals | null }, restartInMs: number];
  restarted: [index: number];
  stats: [totals: { completed: number; failed: number }];
  /** A child failed before it ever became ready (bad processor, bad config): restarting cannot help. */
  fatal: [index: number, failure: { code: string; message: string }];
}

/**
 * Forks N worker processes and keeps them running: a crashed child is restarted after a backoff
 * (never in a tight loop); stop() asks every child to close gracefully, then kills stragglers.
 */
export class Supervisor extends EventEmitter<SupervisorEvents> {
  private readonly slots: Slot[];
  private stopping = false;

  constructor(
    private readonly childScript: string,
    private readonly configFor: (index: number) => ChildConfig,
    processes: number,
    private readonly policy: RestartPolicy,
  ) {
    super();
    this.slots = Array.from({ length: processes }, (_, index) => ({
      index,
      everReady: false,
      fatal: undefined,
      child: undefined,
      startedAt: 0,
      crashes: 0,
      restartTimer: undefined,
      completed: 0,
      failed: 0,
      earlierCompleted: 0,
      earlierFailed: 0,
    }));
  }

  start(): void {
    for (const slot of this.slots) this.spawn(slot);
  }

  pids(): number[] {
    return this.slots.flatMap((slot) => (slot.child?.pid === undefined ? [] : [slot.child.pid]));
  }

  totals(): { completed: number; failed: number } {
    return this.slots.reduce(
      (t, s) => ({
        completed: t.completed + s.earlierCompleted + s.completed,
        failed: t.failed + s.earlierFailed + s.failed,
      }),
      {
        completed: 0,
        failed: 0,
      },
    );
  }

  /** Graceful: each child closes its Worker within `graceMs`; after that it is killed. */
  async stop(graceMs: number): Promise<void> {
    this.stopping = true;
    const exits = this.slots.map((slot) => {
      clearTimeout(slot.restartTimer);
      const child = slot.child;
      if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      if (child.connected) child.send({ type: 'shutdown', graceMs } satisfies SupervisorToChild);
      else child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), graceMs + 2_000);
      return exited.finally(() => clearTimeout(force));
    });
    await Promise.all(exits);
  }

  private spawn(slot: Slot): void {
    const child = fork(this.childScript, [], {
      env: { ...process.env, [CHILD_CONFIG_ENV]: JSON.stringify(this.configFor(slot.index)) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    slot.child = child;
    slot.startedAt = Date.now();
    child.on('message', (message: ChildToSupervisor) => {
      if (message.type === 'ready') {
        slot.everReady = true;
        this.emit('ready', slot.index, message.workerId, message.metricsUrl);
      }
      if (message.type === 'fatal') slot.fatal = { code: message.code, message: message.message };
      if (message.type === 'stats') {
        slot.completed = message.completed;
        slot.failed = message.failed;
        this.emit('stats', this.totals());
      }
    });
    child.on('exit', (code, signal) => {
      if (this.stopping) return;
      if (slot.fatal && !slot.everReady) {
        this.emit('fatal', slot.index, slot.fatal);
        return;
      }
      slot.earlierCompleted += slot.completed;
      slot.earlierFailed += slot.failed;
      slot.completed = 0;
      slot.failed = 0;
      slot.crashes = crashesAfter(this.policy, slot.crashes, Date.now() - slot.startedAt);
      const delay = restartDelay(this.policy, slot.crashes);
      this.emit('crashed', slot.index, { code, signal }, delay);
      slot.restartTimer = setTimeout(() => {
        if (this.stopping) return;
        this.spawn(slot);
        this.emit('restarted', slot.index);
      }, delay);
    });
  }
}
