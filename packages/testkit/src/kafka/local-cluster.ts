import { rm, writeFile } from 'node:fs/promises';
import { TestkitError } from '../errors.js';
import { createRunDir, sweepStaleRunDirs } from '../process/run-dir.js';
import {
  type JvmSpawner,
  type LaunchRequest,
  launchBroker,
  type RunningJvm,
  startFailure,
} from './broker-launch.js';
import { brokerFiles } from './broker-setup.js';
import { randomClusterId } from './cluster-id.js';
import { SHARE_FEATURE } from './constants.js';
import { formatStorage } from './format-storage.js';
import { freePorts } from './free-port.js';
import { findJava } from './java.js';
import { selectedKafkaRelease } from './kafka-version.js';
import { testRunsRoot } from './paths.js';
import { ensureKafkaLibs } from './resolve-kafka.js';
import { supervisedSpawner } from './supervised-spawner.js';
import { brokerProperties, type PropertyValue, renderProperties } from './server-properties.js';

export interface StartLocalClusterOptions {
  /** Nodes, each a combined broker+controller and a voter of the KRaft quorum (default 3). */
  readonly nodes?: number;
  /** Replication of internal topics and the default for new topics (default: nodes). */
  readonly replicationFactor?: number;
  /** min.insync.replicas for new and internal topics (default 2). */
  readonly minInsyncReplicas?: number;
  /** JVM max heap per node (default 512m: three JVMs share a small machine). */
  readonly heap?: string;
  readonly startupTimeoutMs?: number;
  readonly stopGraceMs?: number;
  /** Kafka release (default SHARQ_KAFKA_VERSION, else 4.4.0). */
  readonly version?: string;
  readonly kafkaHome?: string;
  readonly properties?: Readonly<Record<string, PropertyValue>>;
  readonly log?: (line: string) => void;
}

/** One node of a LocalKafkaCluster. */
export interface ClusterNode {
  readonly nodeId: number;
  readonly bootstrap: string;
  readonly port: number;
  readonly dir: string;
  readonly logFile: string;
  /** Pid of the JVM, undefined while halted. */
  readonly pid: number | undefined;
  /** Stops this node's JVM but keeps its ports and data (SIGKILL simulates a crash). */
  halt(options?: { signal?: 'SIGTERM' | 'SIGKILL' }): Promise<void>;
  /** Starts a halted node again with the same ports and data. */
  resume(): Promise<void>;
}

/** A multi-node KRaft cluster on loopback, owned by (and dying with) this process. */
export interface LocalKafkaCluster {
  /** Every node's client listener (bootstrap list). */
  readonly brokers: string[];
  readonly nodes: readonly ClusterNode[];
  node(nodeId: number): ClusterNode;
  /** Stops every JVM and deletes the run folders. Idempotent. */
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';

/**
 * Starts an N-node (default 3) Kafka cluster (release as for startLocalKafka) with share groups: every node is broker+controller and a
 * static voter; internal topics (offsets, share-group state, transactions) are replicated `replicationFactor`
 * times with min ISR `minInsyncReplicas`, and so are new topics by default. Nodes start together (a quorum
 * needs a majority) and the call resolves once every node serves share groups.
 */
export async function startLocalCluster(options: StartLocalClusterOptions = {}): Promise<LocalKafkaCluster> {
  const log = options.log ?? (() => {});
  const count = options.nodes ?? 3;
  const replication = options.replicationFactor ?? count;
  const minIsr = options.minInsyncReplicas ?? Math.min(2, replication);
  const java = findJava();
  const release = selectedKafkaRelease(options.version);
  const { libsDir } = await ensureKafkaLibs({ home: options.kafkaHome, version: release.version, log });
  const swept = await sweepStaleRunDirs(testRunsRoot());
  if (swept.length > 0) log(`removed ${swept.length} stale broker folder(s) left by killed runs`);
  const ports = await freePorts(count * 2, HOST);
  const layout = Array.from({ length: count }, (_, i) => ({
    nodeId: i + 1,
    port: ports[i * 2] as number,
    controllerPort: ports[i * 2 + 1] as number,
  }));
  const voters = layout.map((n) => `${n.nodeId}@${HOST}:${n.controllerPort}`).join(',');
  const clusterId = randomClusterId();
  const graceMs = options.stopGraceMs ?? 15_000;
  const nodes: LocalClusterNode[] = [];
  for (const n of layout) {
    const files = brokerFiles(await createRunDir(testRunsRoot()));
    const properties = brokerProperties(
      { host: HOST, port: n.port, controllerPort: n.controllerPort, logDir: files.dataDir },
      release,
      {
        'node.id': n.nodeId,
        'controller.quorum.voters': voters,
        'default.replication.factor': replication,
        'min.insync.replicas': minIsr,
        'offsets.topic.replication.factor': replication,
        'transaction.state.log.replication.factor': replication,
        'transaction.state.log.min.isr': minIsr,
        'share.coordinator.state.topic.replication.factor': replication,
        'share.coordinator.state.topic.min.isr': minIsr,
        ...options.properties,
      },
    );
    await writeFile(files.configFile, renderProperties(properties));
    await formatStorage({
      java,
      libsDir,
      configFile: files.configFile,
      clusterId,
      features: { [SHARE_FEATURE]: release.shareFeatureLevel },
    });
    const request: LaunchRequest = {
      java,
      libsDir,
      files,
      host: HOST,
      port: n.port,
      heap: options.heap ?? '512m',
      startupTimeoutMs: options.startupTimeoutMs ?? 180_000,
      shareLevel: release.shareFeatureLevel,
    };
    nodes.push(new LocalClusterNode(n.nodeId, request, supervisedSpawner(files, graceMs)));
  }
  const cluster = new LocalCluster(nodes);
  try {
    await Promise.all(nodes.map((node) => node.resume()));
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return cluster;
}

class LocalClusterNode implements ClusterNode {
  readonly bootstrap: string;
  readonly port: number;
  readonly dir: string;
  readonly logFile: string;
  #jvm: RunningJvm | undefined;
  stopped = false;

  constructor(
    readonly nodeId: number,
    private readonly request: LaunchRequest,
    private readonly spawner: JvmSpawner,
  ) {
    this.port = request.port;
    this.bootstrap = `${request.host}:${request.port}`;
    this.dir = request.files.dir;
    this.logFile = request.files.logFile;
  }

  get pid(): number | undefined {
    return this.#jvm?.pid;
  }

  async halt(options: { signal?: 'SIGTERM' | 'SIGKILL' } = {}): Promise<void> {
    const jvm = this.#jvm;
    this.#jvm = undefined;
    if (jvm === undefined) return;
    if (options.signal === 'SIGKILL') await jvm.kill('SIGKILL');
    else await jvm.stop();
  }

  async resume(): Promise<void> {
    if (this.stopped) throw new TestkitError('KAFKA_NOT_RUNNING', `node ${this.nodeId} was stopped for good`);
    if (this.#jvm !== undefined) return;
    const result = await launchBroker(this.request, this.spawner);
    if (!result.ok) throw startFailure(this.request.files, result.logTail);
    this.#jvm = result.jvm;
  }
}

class LocalCluster implements LocalKafkaCluster {
  readonly brokers: string[];
  #stopped = false;

  constructor(readonly nodes: readonly LocalClusterNode[]) {
    this.brokers = nodes.map((n) => n.bootstrap);
  }

  node(nodeId: number): ClusterNode {
    const node = this.nodes.find((n) => n.nodeId === nodeId);
    if (!node) throw new TestkitError('KAFKA_NOT_RUNNING', `no node ${nodeId} in this cluster`);
    return node;
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    await Promise.all(
      this.nodes.map(async (node) => {
        node.stopped = true;
        await node.halt();
        await rm(node.dir, { recursive: true, force: true });
      }),
    );
  }
}
