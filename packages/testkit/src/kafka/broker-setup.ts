import { existsSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TestkitError } from '../errors.js';
import { randomClusterId } from './cluster-id.js';
import { SHARE_FEATURE } from './constants.js';
import { formatStorage } from './format-storage.js';
import type { JavaRuntime } from './java.js';
import type { KafkaRelease } from './kafka-version.js';
import { brokerProperties, type PropertyValue, renderProperties } from './server-properties.js';

/** The files of one broker, all inside its folder. */
export interface BrokerFiles {
  readonly dir: string;
  readonly configFile: string;
  readonly logFile: string;
  /** Kafka's log.dirs (segments and KRaft metadata). */
  readonly dataDir: string;
  /** The release that formatted dataDir, written at format time (kafka-logs itself is Kafka's). */
  readonly versionFile: string;
}

export function brokerFiles(dir: string): BrokerFiles {
  return {
    dir,
    configFile: join(dir, 'server.properties'),
    logFile: join(dir, 'broker.log'),
    dataDir: join(dir, 'kafka-logs'),
    versionFile: join(dir, 'kafka-version'),
  };
}

/**
 * Folders formatted before the testkit recorded the release were always formatted by 4.4.0, the only
 * release it ran then.
 */
const UNRECORDED_VERSION = '4.4.0';

/** The release that formatted the folder's data, or undefined when it holds no formatted data. */
export function formattedBy(files: BrokerFiles): string | undefined {
  if (!existsSync(join(files.dataDir, 'meta.properties'))) return undefined;
  if (!existsSync(files.versionFile)) return UNRECORDED_VERSION;
  return readFileSync(files.versionFile, 'utf8').trim() || UNRECORDED_VERSION;
}

/**
 * Throws KAFKA_DATA_VERSION_MISMATCH when the folder holds data formatted by another release; returns the
 * release that formatted it (undefined: nothing formatted yet).
 */
export function assertFormattedBy(files: BrokerFiles, release: KafkaRelease): string | undefined {
  const formatted = formattedBy(files);
  if (formatted !== undefined && formatted !== release.version) {
    throw new TestkitError(
      'KAFKA_DATA_VERSION_MISMATCH',
      `the Kafka data in ${files.dataDir} was written by Kafka ${formatted}; this start runs Kafka ${release.version},` +
        ` which must not open it. Start Kafka ${formatted} on it again (--kafka-version ${formatted}),` +
        ' or start clean (--fresh: deletes its topics, jobs and groups).',
    );
  }
  return formatted;
}

export interface BrokerSetup {
  readonly java: JavaRuntime;
  readonly libsDir: string;
  readonly release: KafkaRelease;
  readonly files: BrokerFiles;
  readonly host: string;
  readonly port: number;
  readonly controllerPort: number;
  readonly overrides: Readonly<Record<string, PropertyValue>>;
  /** Wipe and re-format the storage even if it is already formatted. */
  readonly reformat: boolean;
}

/**
 * Writes server.properties for the given ports and release, and formats the storage with the release's
 * share.version (2 on 4.4, 1 on 4.2/4.3) unless it is already formatted (a restart keeps its data; the
 * static voter list lets the ports change). Data formatted by another release is refused with
 * KAFKA_DATA_VERSION_MISMATCH before anything is written: an older broker cannot read a newer release's
 * metadata (a 4.2 broker on 4.4 data dies with "Can't read version 4 of BrokerEndpoint"), and a newer
 * broker would silently upgrade the folder for good.
 */
export async function setUpBroker(setup: BrokerSetup): Promise<void> {
  const { files, release } = setup;
  if (setup.reformat) await rm(files.dataDir, { recursive: true, force: true });
  const formatted = assertFormattedBy(files, release);
  const properties = brokerProperties(
    { host: setup.host, port: setup.port, controllerPort: setup.controllerPort, logDir: files.dataDir },
    release,
    setup.overrides,
  );
  await writeFile(files.configFile, renderProperties(properties));
  if (formatted !== undefined) return;
  await formatStorage({
    java: setup.java,
    libsDir: setup.libsDir,
    configFile: files.configFile,
    clusterId: randomClusterId(),
    features: { [SHARE_FEATURE]: release.shareFeatureLevel },
  });
  await writeFile(files.versionFile, `${release.version}\n`);
}
