import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestkitError } from '../../src/errors.js';
import { brokerFiles, formattedBy, setUpBroker } from '../../src/kafka/broker-setup.js';
import { kafkaRelease } from '../../src/kafka/kafka-version.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sharq-setup-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A folder as a format by `version` leaves it (meta.properties plus our marker; none for old folders). */
async function formattedFolder(version: string | undefined) {
  const files = brokerFiles(dir);
  await mkdir(files.dataDir, { recursive: true });
  await writeFile(join(files.dataDir, 'meta.properties'), 'version=1\n');
  if (version !== undefined) await writeFile(files.versionFile, `${version}\n`);
  return files;
}

const setup = (files: ReturnType<typeof brokerFiles>, version: string, reformat = false) =>
  setUpBroker({
    // Never reached in these cases: a refusal or an already formatted folder runs no Java.
    java: { executable: join(dir, 'no-java'), major: 17 },
    libsDir: join(dir, 'libs'),
    release: kafkaRelease(version),
    files,
    host: '127.0.0.1',
    port: 41001,
    controllerPort: 41002,
    overrides: {},
    reformat,
  });

describe('setUpBroker on a kept data folder', () => {
  it('reuses data formatted by the same release', async () => {
    const files = await formattedFolder('4.3.2');
    await setup(files, '4.3.2');
    expect(readFileSync(files.configFile, 'utf8')).toContain('group.share.max.delivery.count.limit=25');
  });

  it('refuses data formatted by another release, naming both releases and the two ways out', async () => {
    const files = await formattedFolder('4.4.0');
    const error = await setup(files, '4.2.2').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TestkitError);
    expect((error as TestkitError).code).toBe('KAFKA_DATA_VERSION_MISMATCH');
    expect((error as TestkitError).message).toMatch(
      /written by Kafka 4\.4\.0; this start runs Kafka 4\.2\.2/,
    );
    expect((error as TestkitError).message).toContain('--kafka-version 4.4.0');
    expect((error as TestkitError).message).toContain('--fresh');
    expect(existsSync(files.configFile)).toBe(false);
  });

  it('takes a formatted folder without a marker for 4.4.0 (the only release older testkits ran)', async () => {
    const files = await formattedFolder(undefined);
    expect(formattedBy(files)).toBe('4.4.0');
    const error = await setup(files, '4.3.2').catch((e: unknown) => e);
    expect((error as TestkitError).code).toBe('KAFKA_DATA_VERSION_MISMATCH');
  });

  it('does not refuse when asked to reformat (the data is wiped first)', async () => {
    const files = await formattedFolder('4.4.0');
    // The wipe happens, then formatting needs Java: the missing executable is the expected failure.
    const error = await setup(files, '4.2.2', true).catch((e: unknown) => e);
    expect((error as TestkitError | (Error & { code?: string })).code).not.toBe(
      'KAFKA_DATA_VERSION_MISMATCH',
    );
    expect(existsSync(join(files.dataDir, 'meta.properties'))).toBe(false);
  });
});
