import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TestkitError } from '../errors.js';
import { lastLines, runCommand } from '../process/run-command.js';
import { kafkaArtifacts, MAVEN_DEPENDENCY_PLUGIN } from './constants.js';
import { selectedKafkaRelease } from './kafka-version.js';
import { findMaven } from './maven.js';
import { kafkaHome, kafkaLibsDir } from './paths.js';
import { renderPom } from './pom.js';

/** Written last: a libs folder without it is a half-finished download and is redone. */
const COMPLETE_MARKER = '.complete';
const STAGING_PREFIX = '.staging-';
const STALE_STAGING_MS = 60 * 60 * 1000;
const RESOLVE_TIMEOUT_MS = 15 * 60 * 1000;

export interface ResolvedKafka {
  readonly home: string;
  readonly libsDir: string;
  /** The release whose jars these are. */
  readonly version: string;
  /** True when this call ran Maven; false when the cache already had everything. */
  readonly downloaded: boolean;
}

/**
 * Makes sure the jars of one Kafka release (default: SHARQ_KAFKA_VERSION, else 4.4.0) are in the cache and
 * returns their folder. A complete cache is used as is
 * (no Maven, no network); otherwise Maven copies the artifacts into a staging folder that is renamed
 * into place only when complete, so a killed download never looks finished.
 */
export async function ensureKafkaLibs(
  options: { home?: string | undefined; version?: string | undefined; log?: (line: string) => void } = {},
): Promise<ResolvedKafka> {
  const { version } = selectedKafkaRelease(options.version);
  const home = kafkaHome(version, options.home);
  const libsDir = kafkaLibsDir(home);
  if (existsSync(join(libsDir, COMPLETE_MARKER))) return { home, libsDir, version, downloaded: false };

  const mvn = findMaven(version);
  await mkdir(home, { recursive: true });
  await sweepStaleStaging(home);
  const staging = join(home, `${STAGING_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(staging, { recursive: true });
  try {
    options.log?.(`resolving Kafka ${version} jars with Maven into ${libsDir} (once; cached afterwards)`);
    await writeFile(join(staging, 'pom.xml'), renderPom(version));
    const stagedLibs = join(staging, 'libs');
    const result = await runCommand(
      mvn,
      [
        '-q',
        '-B',
        '-f',
        join(staging, 'pom.xml'),
        `${MAVEN_DEPENDENCY_PLUGIN}:copy-dependencies`,
        `-DoutputDirectory=${stagedLibs}`,
        '-DincludeScope=runtime',
      ],
      { cwd: staging, timeoutMs: RESOLVE_TIMEOUT_MS },
    );
    if (result.code !== 0) {
      throw new TestkitError(
        'KAFKA_RESOLVE_FAILED',
        `Maven could not resolve Kafka (exit ${result.code ?? result.signal}). Check network access to Maven Central` +
          ` or ~/.m2/settings.xml. Last output:\n${lastLines(result.output, 15)}`,
      );
    }
    await assertArtifactsPresent(stagedLibs, version);
    await writeFile(join(stagedLibs, COMPLETE_MARKER), `${new Date().toISOString()}\n`);
    await installStaged(stagedLibs, libsDir);
    return { home, libsDir, version, downloaded: true };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function assertArtifactsPresent(libs: string, version: string): Promise<void> {
  const files = new Set(await readdir(libs));
  const missing = kafkaArtifacts(version)
    .map((a) => `${a.artifactId}-${a.version}.jar`)
    .filter((jar) => !files.has(jar));
  if (missing.length > 0) {
    throw new TestkitError('KAFKA_RESOLVE_FAILED', `Maven finished but did not copy ${missing.join(', ')}`);
  }
}

/** Renames the staged folder into place; if another process won the race, its complete copy is kept. */
async function installStaged(stagedLibs: string, libsDir: string): Promise<void> {
  if (existsSync(join(libsDir, COMPLETE_MARKER))) return;
  await rm(libsDir, { recursive: true, force: true });
  try {
    await rename(stagedLibs, libsDir);
  } catch (error) {
    if (!existsSync(join(libsDir, COMPLETE_MARKER))) throw error;
  }
}

/** Staging folders of downloads that were killed midway. */
async function sweepStaleStaging(home: string): Promise<void> {
  for (const entry of await readdir(home)) {
    if (!entry.startsWith(STAGING_PREFIX)) continue;
    const path = join(home, entry);
    const info = await stat(path);
    if (Date.now() - info.mtimeMs > STALE_STAGING_MS) await rm(path, { recursive: true, force: true });
  }
}
