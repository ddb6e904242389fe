import { TestkitError } from '../errors.js';
import type { ApiVersionsAnswer } from './api-versions-codec.js';
import { type BrokerInfo, brokerInfo } from './broker-info.js';
import { logSize, logTail } from '../process/log-file.js';
import { failedToBind, loggedKafkaVersion } from './broker-log.js';
import type { BrokerFiles } from './broker-setup.js';
import type { JavaRuntime } from './java.js';
import { brokerJvmArgs } from './jvm-args.js';
import { waitUntilServing } from './wait-ready.js';

/** A started JVM, however it was spawned (supervised for tests, detached for the CLI). */
export interface RunningJvm {
  readonly pid: number;
  /** Settles when the JVM has exited. */
  readonly exited: Promise<unknown>;
  /** SIGTERM, then SIGKILL after a grace period; resolves once the JVM is gone. */
  stop(): Promise<void>;
  /** Sends `signal` now (SIGKILL simulates a crash); resolves once the JVM is gone. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

export type JvmSpawner = (command: string, args: string[]) => Promise<RunningJvm>;

export interface LaunchRequest {
  readonly java: JavaRuntime;
  readonly libsDir: string;
  readonly files: BrokerFiles;
  readonly host: string;
  readonly port: number;
  readonly heap: string;
  readonly startupTimeoutMs: number;
  /** share.version the storage was formatted with: ready means finalized at least at this level. */
  readonly shareLevel: number;
}

export type LaunchResult =
  | { readonly ok: true; readonly jvm: RunningJvm; readonly info: BrokerInfo; readonly startupMs: number }
  | { readonly ok: false; readonly bindFailure: boolean; readonly logTail: string };

/**
 * Starts the broker JVM and waits until it serves share groups. A JVM that dies during startup is reported
 * as { ok: false } (with whether it was a port clash, which the caller retries with new ports); a JVM that
 * runs but never becomes ready is stopped and reported with a typed error carrying the log tail.
 */
export async function launchBroker(request: LaunchRequest, spawnJvm: JvmSpawner): Promise<LaunchResult> {
  const { files } = request;
  const logStart = logSize(files.logFile);
  const startedAt = performance.now();
  const jvm = await spawnJvm(
    request.java.executable,
    brokerJvmArgs({
      libsDir: request.libsDir,
      configFile: files.configFile,
      heap: request.heap,
      runId: files.dir,
    }),
  );
  let answer: ApiVersionsAnswer;
  try {
    const outcome = await waitUntilServing(
      request.host,
      request.port,
      jvm.exited,
      request.startupTimeoutMs,
      request.shareLevel,
    );
    if (!outcome.ready) {
      return {
        ok: false,
        bindFailure: failedToBind(files.logFile, logStart),
        logTail: logTail(files.logFile, logStart),
      };
    }
    answer = outcome.answer;
  } catch (error) {
    await jvm.stop();
    if (!(error instanceof TestkitError)) throw error;
    throw new TestkitError(
      error.code,
      `${error.message}\nbroker log (${files.logFile}):\n${logTail(files.logFile, logStart)}`,
      {
        cause: error,
      },
    );
  }
  const startupMs = Math.round(performance.now() - startedAt);
  return { ok: true, jvm, info: brokerInfo(answer, loggedKafkaVersion(files.logFile, logStart)), startupMs };
}

/** The error for a broker that died during startup for a reason other than a port clash. */
export function startFailure(files: BrokerFiles, logTail: string): TestkitError {
  return new TestkitError(
    'KAFKA_START_FAILED',
    `the Kafka broker exited during startup; broker log (${files.logFile}):\n${logTail}`,
  );
}
