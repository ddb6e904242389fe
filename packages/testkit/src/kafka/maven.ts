import { spawnSync } from 'node:child_process';
import { TestkitError } from '../errors.js';

/** Finds `mvn` (needed only when the Kafka jars are not cached yet) or throws naming what to install. */
export function findMaven(version: string): string {
  const executable = process.env.SHARQ_MVN ?? 'mvn';
  const result = spawnSync(executable, ['-v'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new TestkitError(
      'MAVEN_MISSING',
      `Apache Maven is required once, to download Kafka into the cache, but \`${executable} -v\` failed` +
        ` (${result.error?.message ?? `exit ${result.status}`}). Install Maven` +
        ' (Debian/Ubuntu: `apt-get install maven`; macOS: `brew install maven`),' +
        ` or set SHARQ_KAFKA_HOME to a folder whose libs/ already holds the Kafka ${version} jars.`,
    );
  }
  return executable;
}
