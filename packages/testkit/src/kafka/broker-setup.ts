import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomClusterId } from './cluster-id.js';
import { SHARE_FEATURE, SHARE_FEATURE_LEVEL } from './constants.js';
import { formatStorage } from './format-storage.js';
import type { JavaRuntime } from './java.js';
import { brokerProperties, type PropertyValue, renderProperties } from './server-properties.js';

/** The files of one broker, all inside its folder. */
export interface BrokerFiles {
  readonly dir: string;
  readonly configFile: string;
  readonly logFile: string;
  /** Kafka's log.dirs (segments and KRaft metadata). */
  readonly dataDir: string;
}

export function brokerFiles(dir: string): BrokerFiles {
  return {
    dir,
    configFile: join(dir, 'server.properties'),
    logFile: join(dir, 'broker.log'),
    dataDir: join(dir, 'kafka-logs'),
  };
}

export interface BrokerSetup {
  readonly java: JavaRuntime;
  readonly libsDir: string;
  readonly files: BrokerFiles;
  readonly host: string;
  readonly port: number;
  readonly controllerPort: number;
  readonly overrides: Readonly<Record<string, PropertyValue>>;
  /** Wipe and re-format the storage even if it is already formatted. */
  readonly reformat: boolean;
}

/**
 * Writes server.properties for the given ports and formats the storage with share.version=2 unless it is
 * already formatted (a restart keeps its data; the static voter list lets the ports change).
 */
export async function setUpBroker(setup: BrokerSetup): Promise<void> {
  const { files } = setup;
  const properties = brokerProperties(
    { host: setup.host, port: setup.port, controllerPort: setup.controllerPort, logDir: files.dataDir },
    setup.overrides,
  );
  await writeFile(files.configFile, renderProperties(properties));
  if (setup.reformat) await rm(files.dataDir, { recursive: true, force: true });
  if (existsSync(join(files.dataDir, 'meta.properties'))) return;
  await formatStorage({
    java: setup.java,
    libsDir: setup.libsDir,
    configFile: files.configFile,
    clusterId: randomClusterId(),
    features: { [SHARE_FEATURE]: SHARE_FEATURE_LEVEL },
  });
}
