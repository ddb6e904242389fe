/**
 * Entry point of the watchdog process: runs one command (the Kafka JVM, or redis-server) and guarantees it
 * does not outlive the Node process that asked for it. The parent holds an IPC channel to us; the kernel
 * closes it when the parent dies in any way (SIGKILL included), and we then SIGKILL the child at once —
 * its data is a throwaway folder the next run sweeps. A polled parent-pid check backs the channel up.
 * A SIGTERM/SIGINT to the watchdog is a requested stop: forward SIGTERM, SIGKILL after the grace period.
 * Being its own process, the watchdog may own signal handlers (library code never installs any).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, writeFileSync } from 'node:fs';
import { parseWatchdogSpec, type WatchdogMessage } from './watchdog-spec.js';

const PARENT_POLL_MS = 250;

const spec = parseWatchdogSpec(process.argv[2]);
const parentPid = process.ppid;
const log = openSync(spec.logFile, 'a');
const child: ChildProcess = spawn(spec.command, [...spec.args], {
  cwd: spec.cwd,
  stdio: ['ignore', log, log],
});
closeSync(log);

function tell(message: WatchdogMessage): void {
  if (process.connected) process.send?.(message);
}

let stopping = false;
function requestStop(): void {
  if (stopping) return;
  stopping = true;
  child.kill('SIGTERM');
  setTimeout(() => child.kill('SIGKILL'), spec.graceMs).unref();
}

function parentGone(): void {
  child.kill('SIGKILL');
}

child.on('spawn', () => {
  if (child.pid !== undefined) {
    writeFileSync(spec.pidFile, `${child.pid}\n`);
    tell({ type: 'spawned', pid: child.pid });
  }
});
child.on('error', (error) => {
  tell({ type: 'error', message: error.message });
  process.exit(127);
});
child.on('exit', (code, signal) => {
  tell({ type: 'exit', code, signal });
  process.exit(code ?? 1);
});

process.on('disconnect', parentGone);
setInterval(() => {
  if (process.ppid !== parentPid) parentGone();
}, PARENT_POLL_MS);
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, requestStop);
