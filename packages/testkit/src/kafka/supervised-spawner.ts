import { join } from 'node:path';
import { CHILD_PID_FILE } from '../process/run-dir.js';
import { spawnSupervised } from '../process/supervised-process.js';
import type { JvmSpawner } from './broker-launch.js';
import type { BrokerFiles } from './broker-setup.js';

/** Spawns a broker JVM under the watchdog that kills it if this process dies (single node and cluster alike). */
export function supervisedSpawner(files: BrokerFiles, graceMs: number): JvmSpawner {
  return async (command, args) => {
    const child = await spawnSupervised({
      command,
      args,
      cwd: files.dir,
      logFile: files.logFile,
      pidFile: join(files.dir, CHILD_PID_FILE),
      graceMs,
    });
    return {
      pid: child.pid,
      exited: child.exited,
      stop: () => child.stop(),
      kill: (signal) => child.kill(signal),
    };
  };
}
