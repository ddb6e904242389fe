import { rm } from 'node:fs/promises';
import { TestkitError } from '../errors.js';
import { memoryOf } from '../process/process-info.js';
import { createRunDir, sweepStaleRunDirs } from '../process/run-dir.js';
import type { BrokerInfo } from './broker-info.js';
import {
  type JvmSpawner,
  type LaunchRequest,
  launchBroker,
  type RunningJvm,
  startFailure,
} from './broker-launch.js';
import { brokerFiles, setUpBroker } from './broker-setup.js';
import { DEFAULT_HEAP } from './constants.js';
import { freePorts } from './free-port.js';
import { findJava } from './java.js';
import { type KafkaRelease, selectedKafkaRelease } from './kafka-version.js';
import { testRunsRoot } from './paths.js';
import { ensureKafkaLibs } from './resolve-kafka.js';
import { supervisedSpawner } from './supervised-spawner.js';
import type { PropertyValue } from './server-properties.js';

export interface StartLocalKafkaOptions {
  /** Kafka release to run, e.g. "4.3.2" (default SHARQ_KAFKA_VERSION, else 4.4.0; 4.2.0 or newer). */
  readonly version?: string;
  /** Jar cache folder (default SHARQ_KAFKA_HOME, else ~/.cache/sharq/kafka-<version>). */
  readonly kafkaHome?: string;
  /** JVM max heap (default 768m). */
  readonly heap?: string;
  /** How long to wait for the broker to serve share groups (default 120 s: the machine may be busy). */
  readonly startupTimeoutMs?: number;
  /** How long a stop waits after SIGTERM before SIGKILL (default 15 s). */
  readonly stopGraceMs?: number;
  /** Extra or overriding broker properties (e.g. { 'group.share.record.lock.duration.ms': 2000 }). */
  readonly properties?: Readonly<Record<string, PropertyValue>>;
  /** Progress lines (resolving jars, stale folders swept, port retries). Silent by default. */
  readonly log?: (line: string) => void;
}

/** A single-node Kafka broker+controller on loopback, owned by (and dying with) this process. */
export interface LocalKafka {
  readonly brokers: string[];
  /** host:port of the client listener. */
  readonly bootstrap: string;
  readonly host: string;
  readonly port: number;
  readonly controllerPort: number;
  /** This broker's run folder: server.properties, broker.log, kafka-logs/. Deleted by stop(). */
  readonly dir: string;
  /** Kafka's log.dirs (segments and KRaft metadata). */
  readonly dataDir: string;
  readonly logFile: string;
  /** Milliseconds from JVM spawn to serving share groups, for the latest (re)start. */
  readonly startupMs: number;
  /** The release this broker runs and the share.version it was formatted with. */
  readonly release: KafkaRelease;
  readonly info: BrokerInfo;
  /** Pid of the broker JVM, undefined while halted or stopped. */
  readonly pid: number | undefined;
  /** Resident memory of the JVM (peak is Linux-only), undefined while not running. */
  memory(): { rssBytes: number; peakRssBytes: number | undefined } | undefined;
  /** Stops the JVM but keeps ports and data, for fault tests. SIGKILL simulates a crash. */
  halt(options?: { signal?: 'SIGTERM' | 'SIGKILL' }): Promise<void>;
  /** Starts a halted broker again on the same ports with the same data. */
  resume(): Promise<void>;
  /** halt() then resume(). */
  restart(options?: { signal?: 'SIGTERM' | 'SIGKILL' }): Promise<void>;
  /** Stops the JVM (SIGTERM, SIGKILL after the grace period) and deletes the run folder. Idempotent. */
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
const PORT_ATTEMPTS = 3;

/**
 * Starts a fresh single-node Kafka broker (4.4 unless `version`/SHARQ_KAFKA_VERSION says otherwise) with share
 * groups (share.version=2 on 4.4, 1 on 4.2/4.3) on free loopback ports,
 * resolving the jars first if needed, and resolves once it really serves APIs 76–79. The broker runs under
 * a watchdog: if this process dies, the JVM is killed within a second; stale folders of killed runs are
 * swept on the next start.
 */
export async function startLocalKafka(options: StartLocalKafkaOptions = {}): Promise<LocalKafka> {
  const log = options.log ?? (() => {});
  const java = findJava();
  const release = selectedKafkaRelease(options.version);
  const { libsDir } = await ensureKafkaLibs({ home: options.kafkaHome, version: release.version, log });
  const swept = await sweepStaleRunDirs(testRunsRoot());
  if (swept.length > 0) log(`removed ${swept.length} stale broker folder(s) left by killed runs`);
  const files = brokerFiles(await createRunDir(testRunsRoot()));
  const graceMs = options.stopGraceMs ?? 15_000;
  const spawner = supervisedSpawner(files, graceMs);

  for (let attempt = 1; ; attempt++) {
    const [port, controllerPort] = (await freePorts(2, HOST)) as [number, number];
    await setUpBroker({
      java,
      libsDir,
      release,
      files,
      host: HOST,
      port,
      controllerPort,
      overrides: options.properties ?? {},
      reformat: attempt > 1,
    });
    const request: LaunchRequest = {
      java,
      libsDir,
      files,
      host: HOST,
      port,
      heap: options.heap ?? DEFAULT_HEAP,
      startupTimeoutMs: options.startupTimeoutMs ?? 120_000,
      shareLevel: release.shareFeatureLevel,
    };
    const result = await launchBroker(request, spawner);
    if (result.ok) return new LocalKafkaBroker(request, release, controllerPort, spawner, result);
    if (!result.bindFailure || attempt >= PORT_ATTEMPTS) throw startFailure(files, result.logTail);
    log(`ports ${port}/${controllerPort} were taken before the broker bound them; retrying with new ports`);
  }
}

class LocalKafkaBroker implements LocalKafka {
  readonly brokers: string[];
  readonly bootstrap: string;
  readonly host: string;
  readonly port: number;
  readonly dir: string;
  readonly dataDir: string;
  readonly logFile: string;
  startupMs: number;
  info: BrokerInfo;
  private jvm: RunningJvm | undefined;
  private stopped = false;

  constructor(
    private readonly request: LaunchRequest,
    readonly release: KafkaRelease,
    readonly controllerPort: number,
    private readonly spawner: JvmSpawner,
    started: { jvm: RunningJvm; info: BrokerInfo; startupMs: number },
  ) {
    this.host = request.host;
    this.port = request.port;
    this.bootstrap = `${request.host}:${request.port}`;
    this.brokers = [this.bootstrap];
    this.dir = request.files.dir;
    this.dataDir = request.files.dataDir;
    this.logFile = request.files.logFile;
    this.jvm = started.jvm;
    this.info = started.info;
    this.startupMs = started.startupMs;
  }

  get pid(): number | undefined {
    return this.jvm?.pid;
  }

  memory() {
    return this.jvm === undefined ? undefined : memoryOf(this.jvm.pid);
  }

  async halt(options: { signal?: 'SIGTERM' | 'SIGKILL' } = {}): Promise<void> {
    const jvm = this.jvm;
    this.jvm = undefined;
    if (jvm === undefined) return;
    if (options.signal === 'SIGKILL') await jvm.kill('SIGKILL');
    else await jvm.stop();
  }

  async resume(): Promise<void> {
    if (this.stopped)
      throw new TestkitError('KAFKA_NOT_RUNNING', `broker ${this.bootstrap} was stopped for good`);
    if (this.jvm !== undefined) return;
    const result = await launchBroker(this.request, this.spawner);
    if (!result.ok) throw startFailure(this.request.files, result.logTail);
    this.jvm = result.jvm;
    this.info = result.info;
    this.startupMs = result.startupMs;
  }

  async restart(options: { signal?: 'SIGTERM' | 'SIGKILL' } = {}): Promise<void> {
    await this.halt(options);
    await this.resume();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.halt();
    await rm(this.dir, { recursive: true, force: true });
  }
}
