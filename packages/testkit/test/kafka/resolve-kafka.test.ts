import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestkitError } from '../../src/errors.js';
import { ensureKafkaLibs } from '../../src/kafka/resolve-kafka.js';

let dir: string;
const savedMvn = process.env.SHARQ_MVN;
const savedVersion = process.env.SHARQ_KAFKA_VERSION;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sharq-resolve-'));
});
afterEach(async () => {
  if (savedMvn === undefined) delete process.env.SHARQ_MVN;
  else process.env.SHARQ_MVN = savedMvn;
  if (savedVersion === undefined) delete process.env.SHARQ_KAFKA_VERSION;
  else process.env.SHARQ_KAFKA_VERSION = savedVersion;
  await rm(dir, { recursive: true, force: true });
});

/** A stand-in `mvn` that logs each call and "downloads" the artifacts named in the pom (or fails). */
async function fakeMaven(behaviour: 'copy' | 'fail'): Promise<string> {
  const script = join(dir, 'mvn');
  const calls = join(dir, 'calls');
  await writeFile(
    script,
    `#!/bin/sh
[ "$1" = "-v" ] && exit 0
echo call >> ${calls}
${behaviour === 'fail' ? 'echo "[ERROR] Could not resolve dependencies" ; exit 1' : ''}
for arg in "$@"; do case "$arg" in -DoutputDirectory=*) out="\${arg#-DoutputDirectory=}";; -f) ;; esac; done
pom=$(printf '%s\\n' "$@" | grep pom.xml)
mkdir -p "$out"
grep -o '<artifactId>[^<]*</artifactId><version>[^<]*</version>' "$pom" |
  sed 's|<artifactId>\\(.*\\)</artifactId><version>\\(.*\\)</version>|\\1-\\2.jar|' |
  while read jar; do touch "$out/$jar"; done
`,
  );
  await chmod(script, 0o755);
  return script;
}

describe('ensureKafkaLibs', () => {
  it('resolves the release SHARQ_KAFKA_VERSION names, or the one asked for', async () => {
    process.env.SHARQ_MVN = await fakeMaven('copy');
    process.env.SHARQ_KAFKA_VERSION = '4.3.2';
    const fromEnv = await ensureKafkaLibs({ home: join(dir, 'a') });
    expect(fromEnv.version).toBe('4.3.2');
    expect(await readdir(fromEnv.libsDir)).toEqual(
      expect.arrayContaining(['kafka_2.13-4.3.2.jar', 'kafka-tools-4.3.2.jar']),
    );
    const explicit = await ensureKafkaLibs({ home: join(dir, 'b'), version: '4.2.2' });
    expect(await readdir(explicit.libsDir)).toEqual(expect.arrayContaining(['kafka_2.13-4.2.2.jar']));
  });

  it('refuses a release without GA share groups before calling Maven', async () => {
    process.env.SHARQ_MVN = join(dir, 'no-such-mvn');
    const error = await ensureKafkaLibs({ home: join(dir, 'home'), version: '4.1.1' }).catch(
      (e: unknown) => e,
    );
    expect((error as TestkitError).code).toBe('KAFKA_VERSION_UNSUPPORTED');
    expect((error as TestkitError).message).toContain('4.2 or newer');
  });

  it('resolves once with Maven and reuses the cache afterwards without calling it', async () => {
    delete process.env.SHARQ_KAFKA_VERSION;
    process.env.SHARQ_MVN = await fakeMaven('copy');
    const home = join(dir, 'home');
    const first = await ensureKafkaLibs({ home });
    expect(first.downloaded).toBe(true);
    expect(await readdir(first.libsDir)).toEqual(
      expect.arrayContaining(['kafka_2.13-4.4.0.jar', 'kafka-tools-4.4.0.jar']),
    );
    process.env.SHARQ_MVN = join(dir, 'no-such-mvn'); // a second Maven call would now fail
    const second = await ensureKafkaLibs({ home });
    expect(second.downloaded).toBe(false);
    expect(readFileSync(join(dir, 'calls'), 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('reports a Maven failure with its output and leaves no half-made cache', async () => {
    process.env.SHARQ_MVN = await fakeMaven('fail');
    const home = join(dir, 'home');
    const error = await ensureKafkaLibs({ home }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TestkitError);
    expect((error as TestkitError).code).toBe('KAFKA_RESOLVE_FAILED');
    expect((error as TestkitError).message).toContain('Could not resolve dependencies');
    expect(existsSync(join(home, 'libs'))).toBe(false);
    expect((await readdir(home)).filter((entry) => entry.startsWith('.staging-'))).toEqual([]);
  });

  it('names Maven as the thing to install when it is missing', async () => {
    process.env.SHARQ_MVN = join(dir, 'no-such-mvn');
    const error = await ensureKafkaLibs({ home: join(dir, 'home') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TestkitError);
    expect((error as TestkitError).code).toBe('MAVEN_MISSING');
    expect((error as TestkitError).message).toMatch(/Install Maven.*apt-get install maven/);
  });
});
