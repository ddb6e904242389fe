import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { TestkitError } from '../errors.js';
import { MIN_JAVA_MAJOR } from './constants.js';

export interface JavaRuntime {
  /** The `java` executable to run (JAVA_HOME/bin/java when JAVA_HOME is set). */
  readonly executable: string;
  readonly major: number;
}

/** `java -version` prints e.g. `openjdk version "17.0.15" 2025-04-15` (or `"1.8.0_392"` for Java 8). */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
}

/** Finds a Java >= 17 or throws a TestkitError that names what to install. */
export function findJava(): JavaRuntime {
  const javaHome = process.env.JAVA_HOME;
  const executable = javaHome ? join(javaHome, 'bin', 'java') : 'java';
  const result = spawnSync(executable, ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new TestkitError(
      'JAVA_MISSING',
      `Java ${MIN_JAVA_MAJOR}+ is required to run the local Kafka broker, but \`${executable} -version\` failed` +
        ` (${result.error?.message ?? `exit ${result.status}`}). Install a JDK/JRE ${MIN_JAVA_MAJOR} or newer` +
        ' (Debian/Ubuntu: `apt-get install openjdk-17-jre-headless`; macOS: `brew install openjdk@17`)' +
        ' or set SHARQ_KAFKA_BROKERS to use an existing broker.',
    );
  }
  const major = parseJavaMajor(`${result.stderr}\n${result.stdout}`);
  if (major === undefined || major < MIN_JAVA_MAJOR) {
    throw new TestkitError(
      'JAVA_TOO_OLD',
      `Kafka 4 needs Java ${MIN_JAVA_MAJOR}+, found ${major ?? 'an unknown version'} at ${executable}.` +
        ` Install Java ${MIN_JAVA_MAJOR} or newer (e.g. \`apt-get install openjdk-17-jre-headless\`) and/or set JAVA_HOME.`,
    );
  }
  return { executable, major };
}
