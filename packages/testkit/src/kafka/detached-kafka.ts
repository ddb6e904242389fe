import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { probeApiVersions } from './api-versions-probe.js';
import { type BrokerInfo, brokerInfo, servesShareGroups } from './broker-info.js';
import { type JvmSpawner, launchBroker, startFailure } from './broker-launch.js';
import { loggedKafkaVersion } from './broker-log.js';
import { assertFormattedBy, brokerFiles, setUpBroker } from './broker-setup.js';
import { DEFAULT_HEAP } from './constants.js';
import {
  clearState,
  type DetachedKafkaState,
  detachedBrokerDir,
  readState,
  writeState,
} from './detached-state.js';
import { freePorts, isPortFree } from './free-port.js';
import { findJava } from './java.js';
import { selectedKafkaRelease } from './kafka-version.js';
import { sharqHome } from './paths.js';
import { ensureKafkaLibs } from './resolve-kafka.js';
import type { PropertyValue } from './server-properties.js';
import { commandLineOf, isAlive, signalIfAlive, terminate, waitForExit } from '../process/process-info.js';

export interface DetachedKafkaOptions {
  /** Folder for the state file and broker data (default SHARQ_HOME, else ~/.sharq). */
  readonly sharqHome?: string;
  /** Kafka release to run (default SHARQ_KAFKA_VERSION, else 4.4.0). Data of another release is refused. */
  readonly version?: string;
  readonly kafkaHome?: string;
  /** Client port; default: the previous run's port if free, else a free one. */
  readonly port?: number;
  readonly heap?: string;
  readonly startupTimeoutMs?: number;
  /** Wipe the broker's data (topics, groups) before starting. */
  readonly fresh?: boolean;
  readonly properties?: Readonly<Record<string, PropertyValue>>;
  readonly log?: (line: string) => void;
}

export interface DetachedKafkaStatus {
  readonly running: boolean;
  /** The release it runs (from its log, else what it was started with). */
  readonly version?: string;
  /** Running and answering ApiVersions with share groups (false while starting or wedged). */
  readonly serving: boolean;
  readonly pid?: number;
  readonly bootstrap?: string;
  readonly brokers?: string[];
  readonly dir?: string;
  readonly logFile?: string;
  readonly startedAt?: string;
  readonly info?: BrokerInfo;
}

const HOST = '127.0.0.1';

/**
 * Starts a broker that outlives this process (for `sharq kafka start`): same setup as the test broker,
 * but data kept in <sharq home>/kafka across restarts and its coordinates in <sharq home>/kafka.json.
 * Returns the running broker's status; if one is already running it is returned as is.
 */
export async function startDetachedKafka(options: DetachedKafkaOptions = {}): Promise<DetachedKafkaStatus> {
  const home = sharqHome(options.sharqHome);
  const current = await detachedKafkaStatus({ sharqHome: home });
  if (current.running) return current;
  await clearState(home);
  const log = options.log ?? (() => {});
  const release = selectedKafkaRelease(options.version);
  const files = brokerFiles(detachedBrokerDir(home));
  // Before any download or JVM: data of another release is refused at once.
  if (options.fresh !== true) assertFormattedBy(files, release);
  const java = findJava();
  const { libsDir } = await ensureKafkaLibs({ home: options.kafkaHome, version: release.version, log });
  mkdirSync(files.dir, { recursive: true });
  const [port, controllerPort] = await choosePorts(options.port, previousPorts(files.configFile));
  await setUpBroker({
    java,
    libsDir,
    release,
    files,
    host: HOST,
    port,
    controllerPort,
    overrides: options.properties ?? {},
    reformat: options.fresh === true,
  });
  const result = await launchBroker(
    {
      java,
      libsDir,
      files,
      host: HOST,
      port,
      heap: options.heap ?? DEFAULT_HEAP,
      startupTimeoutMs: options.startupTimeoutMs ?? 120_000,
      shareLevel: release.shareFeatureLevel,
    },
    detachedSpawner(files.dir, files.logFile),
  );
  if (!result.ok) throw startFailure(files, result.logTail);
  const state: DetachedKafkaState = {
    pid: result.jvm.pid,
    host: HOST,
    port,
    controllerPort,
    dir: files.dir,
    logFile: files.logFile,
    startedAt: new Date().toISOString(),
    version: result.info.version ?? release.version,
  };
  await writeState(home, state);
  return statusOf(state, result.info);
}

/** Stops the detached broker (SIGTERM, SIGKILL after `graceMs`). Its data stays for the next start. */
export async function stopDetachedKafka(
  options: { sharqHome?: string; graceMs?: number } = {},
): Promise<{ wasRunning: boolean; pid?: number }> {
  const home = sharqHome(options.sharqHome);
  const state = readState(home);
  if (state === undefined || !isOurBroker(state)) {
    await clearState(home);
    return { wasRunning: false };
  }
  await terminate(state.pid, options.graceMs ?? 20_000);
  await clearState(home);
  return { wasRunning: true, pid: state.pid };
}

/** Whether the detached broker runs, where, and (when it answers) what it serves. */
export async function detachedKafkaStatus(
  options: { sharqHome?: string } = {},
): Promise<DetachedKafkaStatus> {
  const state = readState(sharqHome(options.sharqHome));
  if (state === undefined || !isOurBroker(state)) return { running: false, serving: false };
  try {
    const answer = await probeApiVersions(state.host, state.port, 3000);
    // Recorded at start from that launch's log lines; the whole log holds every earlier start's too.
    const version = state.version ?? loggedKafkaVersion(state.logFile);
    return statusOf(state, brokerInfo(answer, version), servesShareGroups(answer));
  } catch {
    // Alive but not answering (still starting, or wedged): running, not serving.
    return { ...statusOf(state, undefined), serving: false };
  }
}

function statusOf(
  state: DetachedKafkaState,
  info: BrokerInfo | undefined,
  serving = true,
): DetachedKafkaStatus {
  const bootstrap = `${state.host}:${state.port}`;
  return {
    running: true,
    serving,
    pid: state.pid,
    bootstrap,
    brokers: [bootstrap],
    dir: state.dir,
    logFile: state.logFile,
    startedAt: state.startedAt,
    ...(state.version === undefined ? {} : { version: info?.version ?? state.version }),
    ...(info === undefined ? {} : { info }),
  };
}

/** The recorded pid is alive and is our JVM (its command line names the broker folder), not a reused pid. */
function isOurBroker(state: DetachedKafkaState): boolean {
  return isAlive(state.pid) && commandLineOf(state.pid).includes(state.dir);
}

/** The ports of the previous run, read back from its server.properties, so the address stays stable. */
function previousPorts(configFile: string): { port: number; controllerPort: number } | undefined {
  if (!existsSync(configFile)) return undefined;
  const listeners = /^listeners=PLAINTEXT:\/\/[^:]+:(\d+),CONTROLLER:\/\/[^:]+:(\d+)$/m.exec(
    readFileSync(configFile, 'utf8'),
  );
  return listeners ? { port: Number(listeners[1]), controllerPort: Number(listeners[2]) } : undefined;
}

async function choosePorts(
  port: number | undefined,
  previous: { port: number; controllerPort: number } | undefined,
) {
  if (port !== undefined) {
    const [controllerPort] = (await freePorts(1, HOST)) as [number];
    return [port, controllerPort] as const;
  }
  if (
    previous &&
    (await isPortFree(previous.port, HOST)) &&
    (await isPortFree(previous.controllerPort, HOST))
  ) {
    return [previous.port, previous.controllerPort] as const;
  }
  return (await freePorts(2, HOST)) as [number, number];
}

/** Spawns the JVM in its own session with no tie to this process, so it keeps running after the CLI exits. */
function detachedSpawner(cwd: string, logFile: string): JvmSpawner {
  return async (command, args) => {
    const log = openSync(logFile, 'a');
    const child = spawn(command, args, { cwd, detached: true, stdio: ['ignore', log, log] });
    closeSync(log);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    child.unref();
    const pid = child.pid!;
    return {
      pid,
      exited,
      stop: () => terminate(pid, 20_000),
      kill: async (signal) => {
        signalIfAlive(pid, signal);
        await waitForExit(pid, 20_000);
      },
    };
  };
}
