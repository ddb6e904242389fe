import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TestkitError } from '../errors.js';
import { signalIfAlive, terminate, waitForExit } from './process-info.js';
import type { WatchdogMessage, WatchdogSpec } from './watchdog-spec.js';

export interface ProcessExit {
  readonly code: number | null;
  readonly signal: string | null;
}

/** A long-running child (the broker JVM) tied to this Node process's lifetime through a watchdog. */
export interface SupervisedProcess {
  /** Pid of the supervised command itself (e.g. the JVM). */
  readonly pid: number;
  readonly watchdogPid: number;
  /** Settles when the supervised command has exited, however that happened. */
  readonly exited: Promise<ProcessExit>;
  /** SIGTERM, then SIGKILL after the spec's grace period; resolves once both processes are gone. */
  stop(): Promise<void>;
  /** Kills the supervised command with `signal` right away (crash simulation); resolves once it is gone. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/**
 * Spawns `spec.command` under a watchdog process. The watchdog runs in its own process group (a terminal's
 * Ctrl-C reaches only the owner, which decides how to stop) and kills the command if this process dies.
 */
export async function spawnSupervised(spec: WatchdogSpec): Promise<SupervisedProcess> {
  const watchdog = spawn(process.execPath, [watchdogScript(), JSON.stringify(spec)], {
    cwd: spec.cwd,
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  let lastExit: ProcessExit = { code: null, signal: null };
  const exited = new Promise<ProcessExit>((resolve) => {
    watchdog.on('message', (message: WatchdogMessage) => {
      if (message.type === 'exit') lastExit = { code: message.code, signal: message.signal };
    });
    watchdog.on('exit', (code, signal) => {
      resolve(lastExit.code === null && lastExit.signal === null ? { code, signal } : lastExit);
    });
  });
  const pid = await spawnedPid(watchdog, spec.command);
  // From here on the channel must not keep this process alive: if the owner forgets stop(), its exit
  // closes the channel and the watchdog kills the command.
  watchdog.unref();
  watchdog.channel?.unref();
  const watchdogPid = watchdog.pid!;

  return {
    pid,
    watchdogPid,
    exited,
    async stop() {
      // The watchdog forwards SIGTERM and escalates to SIGKILL after graceMs; the checks below only cover
      // a watchdog that is itself gone or stuck.
      signalIfAlive(watchdogPid, 'SIGTERM');
      if (!(await waitForExit(pid, spec.graceMs + 5000))) await terminate(pid, 0);
      if (!(await waitForExit(watchdogPid, 2000))) await terminate(watchdogPid, 0);
    },
    async kill(signal) {
      signalIfAlive(pid, signal);
      await waitForExit(pid, signal === 'SIGKILL' ? 10_000 : spec.graceMs + 5000);
      // Poll rather than await `exited`: the watchdog is unref'd, so its exit event alone would not
      // keep this process alive while we wait.
      await waitForExit(watchdogPid, 5000);
    },
  };
}

function spawnedPid(watchdog: ChildProcess, command: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: WatchdogMessage) => {
      if (message.type === 'spawned') {
        cleanup();
        resolve(message.pid);
      } else if (message.type === 'error') {
        cleanup();
        reject(new TestkitError('KAFKA_START_FAILED', `could not start ${command}: ${message.message}`));
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(
        new TestkitError('KAFKA_START_FAILED', `watchdog for ${command} exited (${code}) before starting it`),
      );
    };
    const cleanup = () => {
      watchdog.off('message', onMessage);
      watchdog.off('exit', onExit);
    };
    watchdog.on('message', onMessage);
    watchdog.on('exit', onExit);
    watchdog.on('error', (error) => reject(error));
  });
}

/**
 * The compiled watchdog. When this module runs from TypeScript sources (the testkit's own vitest run),
 * plain `node` cannot execute the .ts sibling, so the built copy in dist/ is used.
 */
function watchdogScript(): string {
  const here = fileURLToPath(import.meta.url);
  const script = here.endsWith('.ts')
    ? here.replace(/[/\\]src[/\\]process[/\\][^/\\]+\.ts$/, '/dist/process/watchdog.js')
    : here.replace(/[^/\\]+\.js$/, 'watchdog.js');
  if (!existsSync(script)) {
    throw new TestkitError(
      'KAFKA_START_FAILED',
      `the testkit watchdog ${script} is missing: build the testkit first (npx tsc -p packages/testkit/tsconfig.json)`,
    );
  }
  return script;
}
