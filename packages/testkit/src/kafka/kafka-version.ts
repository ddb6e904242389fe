import { TestkitError } from '../errors.js';

/**
 * Which Apache Kafka release the testkit runs. Share groups went GA in 4.2; Sharq is tested on 4.2, 4.3 and
 * 4.4 (the default). SHARQ_KAFKA_VERSION picks another release, e.g. `SHARQ_KAFKA_VERSION=4.3.2 npm test`.
 */
export const DEFAULT_KAFKA_VERSION = '4.4.0';
export const KAFKA_VERSION_ENV = 'SHARQ_KAFKA_VERSION';

/** The oldest release line whose share groups are production (GA) and on by default for a new cluster. */
const OLDEST_LINE = { major: 4, minor: 2 } as const;

export interface KafkaRelease {
  /** Full release, e.g. "4.3.2". */
  readonly version: string;
  readonly major: number;
  readonly minor: number;
  /** Release line, e.g. "4.3". */
  readonly line: string;
  /**
   * The share.version feature level formatted into a new cluster: 2 (share groups + broker-side DLQ,
   * KIP-1191) from 4.4, 1 (share groups) before; a 4.2/4.3 StorageTool refuses share.version=2.
   */
  readonly shareFeatureLevel: 1 | 2;
}

const RELEASE = /^(\d+)\.(\d+)\.(\d+)$/;

/** Parses and checks a release name; throws KAFKA_VERSION_UNSUPPORTED naming the accepted releases. */
export function kafkaRelease(version: string): KafkaRelease {
  const match = RELEASE.exec(version.trim());
  const major = Number(match?.[1]);
  const minor = Number(match?.[2]);
  const supported =
    match !== null &&
    (major > OLDEST_LINE.major || (major === OLDEST_LINE.major && minor >= OLDEST_LINE.minor));
  if (!supported) {
    throw new TestkitError(
      'KAFKA_VERSION_UNSUPPORTED',
      `Kafka version ${JSON.stringify(version)} is not supported: give a release x.y.z of` +
        ` ${OLDEST_LINE.major}.${OLDEST_LINE.minor} or newer (share groups are GA from 4.2), e.g. 4.2.2, 4.3.2 or ${DEFAULT_KAFKA_VERSION}`,
    );
  }
  return {
    version: version.trim(),
    major,
    minor,
    line: `${major}.${minor}`,
    shareFeatureLevel: atLeast({ major, minor }, 4, 4) ? 2 : 1,
  };
}

/** The release asked for: an explicit value, else SHARQ_KAFKA_VERSION, else the default (4.4.0). */
export function selectedKafkaRelease(explicit?: string): KafkaRelease {
  const fromEnv = process.env[KAFKA_VERSION_ENV];
  return kafkaRelease(
    explicit ?? (fromEnv !== undefined && fromEnv !== '' ? fromEnv : DEFAULT_KAFKA_VERSION),
  );
}

/** True when `release` is `major.minor` or newer. */
export function atLeast(release: { major: number; minor: number }, major: number, minor: number): boolean {
  return release.major > major || (release.major === major && release.minor >= minor);
}
