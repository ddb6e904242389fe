import { TestkitError } from '../errors.js';
import { lastLines, runCommand } from '../process/run-command.js';
import type { JavaRuntime } from './java.js';
import { toolJvmArgs } from './jvm-args.js';

export interface FormatRequest {
  readonly java: JavaRuntime;
  readonly libsDir: string;
  readonly configFile: string;
  readonly clusterId: string;
  /** Feature levels to finalize at format time, e.g. { 'share.version': 2 }. */
  readonly features: Readonly<Record<string, number>>;
}

/**
 * `kafka-storage format`: writes meta.properties and the bootstrap metadata (incl. feature levels) into
 * the log dirs named by the config. Run once per fresh data folder.
 */
export async function formatStorage(request: FormatRequest): Promise<void> {
  const featureArgs = Object.entries(request.features).flatMap(([name, level]) => [
    '--feature',
    `${name}=${level}`,
  ]);
  const result = await runCommand(
    request.java.executable,
    toolJvmArgs(request.libsDir, 'kafka.tools.StorageTool', [
      'format',
      '--cluster-id',
      request.clusterId,
      '--config',
      request.configFile,
      ...featureArgs,
    ]),
    { timeoutMs: 120_000 },
  );
  if (result.code !== 0) {
    throw new TestkitError(
      'KAFKA_FORMAT_FAILED',
      `kafka-storage format failed (exit ${result.code ?? result.signal}):\n${lastLines(result.output, 15)}`,
    );
  }
}
