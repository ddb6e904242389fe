import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the resolved jars of one release live: an explicit folder, else SHARQ_KAFKA_HOME, else
 * ~/.cache/sharq/kafka-<version> (one folder per release, so switching SHARQ_KAFKA_VERSION never re-downloads).
 */
export function kafkaHome(version: string, override?: string): string {
  return override ?? process.env.SHARQ_KAFKA_HOME ?? join(homedir(), '.cache', 'sharq', `kafka-${version}`);
}

export function kafkaLibsDir(home: string): string {
  return join(home, 'libs');
}

/** Parent of the per-run data folders of test brokers (one fresh folder per start, stale ones swept). */
export function testRunsRoot(): string {
  return process.env.SHARQ_KAFKA_RUNS_DIR ?? join(tmpdir(), 'sharq-kafka');
}

/** Home of the detached (CLI) broker: state file and persistent data. SHARQ_HOME overrides ~/.sharq. */
export function sharqHome(override?: string): string {
  return override ?? process.env.SHARQ_HOME ?? join(homedir(), '.sharq');
}
