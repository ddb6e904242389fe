import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/run.js';
import { captureOutput } from '../capture-output.js';

let home: string;
const saved = { home: process.env.SHARQ_HOME, version: process.env.SHARQ_KAFKA_VERSION };
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'sharq-cli-kafka-'));
  process.env.SHARQ_HOME = home;
  delete process.env.SHARQ_KAFKA_VERSION;
});
afterEach(async () => {
  for (const [key, value] of [
    ['SHARQ_HOME', saved.home],
    ['SHARQ_KAFKA_VERSION', saved.version],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  await rm(home, { recursive: true, force: true });
});

/** The dev broker's folder as a start with `version` left it. */
async function keptData(version: string): Promise<string> {
  const dataDir = join(home, 'kafka', 'kafka-logs');
  await mkdir(dataDir, { recursive: true });
  await writeFile(join(dataDir, 'meta.properties'), 'version=1\n');
  await writeFile(join(home, 'kafka', 'kafka-version'), `${version}\n`);
  return dataDir;
}

describe('sharq kafka start', () => {
  it('--help says the data is kept between runs, how to start clean, and how to pick a release', async () => {
    // commander writes help to process.stdout itself.
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    const code = await runCli(['kafka', 'start', '--help'], captureOutput()).finally(() => spy.mockRestore());
    expect(code).toBe(0);
    const help = written.join('');
    expect(help).toMatch(/kept\s+between runs/);
    expect(help).toMatch(/--fresh\s+delete the kept data first/);
    expect(help).toContain('--kafka-version <x.y.z>');
    expect(help).toContain('sharq kafka start --kafka-version 4.2.2 --fresh');
  });

  it('refuses data kept from another release (exit 2), naming both releases and the ways out', async () => {
    const dataDir = await keptData('4.4.0');
    const output = captureOutput();
    expect(await runCli(['kafka', 'start', '--kafka-version', '4.3.2'], output)).toBe(2);
    const text = output.stderr.join('\n');
    expect(text).toContain(
      `the Kafka data in ${dataDir} was written by Kafka 4.4.0; this start runs Kafka 4.3.2`,
    );
    expect(text).toContain('--kafka-version 4.4.0');
    expect(text).toContain('--fresh');
    // Nothing was touched: no config written, the data is still there.
    expect(existsSync(join(home, 'kafka', 'server.properties'))).toBe(false);
    expect(existsSync(join(dataDir, 'meta.properties'))).toBe(true);
  });

  it('takes the release from SHARQ_KAFKA_VERSION too', async () => {
    await keptData('4.2.2');
    process.env.SHARQ_KAFKA_VERSION = '4.4.0';
    const output = captureOutput();
    expect(await runCli(['kafka', 'start'], output)).toBe(2);
    expect(output.stderr.join('\n')).toContain('written by Kafka 4.2.2; this start runs Kafka 4.4.0');
  });

  it('refuses a release without GA share groups, or not a release at all, before starting anything', async () => {
    for (const [version, message] of [
      ['4.1.2', /4\.2 or newer/],
      ['latest', /Kafka version "latest" is not supported: give a release x\.y\.z of 4\.2 or newer/],
    ] as const) {
      const output = captureOutput();
      expect(await runCli(['kafka', 'start', '--kafka-version', version], output)).toBe(2);
      expect(output.stderr.join('\n')).toMatch(message);
    }
    expect(existsSync(join(home, 'kafka'))).toBe(false);
  });
});
