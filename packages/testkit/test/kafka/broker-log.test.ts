import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failedToBind, loggedKafkaVersion } from '../../src/kafka/broker-log.js';
import { logSize, logTail } from '../../src/process/log-file.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sharq-log-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('broker log reading', () => {
  it('finds the logged release and a bind failure', async () => {
    const log = join(dir, 'broker.log');
    await writeFile(
      log,
      '00:31:08.531 [main] INFO org.apache.kafka.common.utils.internals.AppInfoParser - Kafka version: 4.4.0\n' +
        'ERROR java.net.BindException: Address already in use\n',
    );
    expect(loggedKafkaVersion(log)).toBe('4.4.0');
    expect(failedToBind(log)).toBe(true);
  });

  it('names the release of the latest start in a log appended to by starts of several releases', async () => {
    const log = join(dir, 'broker.log');
    await writeFile(log, 'INFO AppInfoParser - Kafka version: 4.3.2\n');
    await appendFile(log, 'INFO AppInfoParser - Kafka version: 4.4.0\n');
    expect(loggedKafkaVersion(log)).toBe('4.4.0');
  });

  it('looks only at what the current launch wrote after the given offset', async () => {
    const log = join(dir, 'broker.log');
    await writeFile(log, 'java.net.BindException: Address already in use\n');
    const offset = logSize(log);
    await appendFile(log, 'Kafka Server started\n');
    expect(failedToBind(log, offset)).toBe(false);
    expect(loggedKafkaVersion(log, offset)).toBeUndefined();
    expect(logTail(log, offset)).toBe('Kafka Server started');
  });

  it('treats a missing log as empty', () => {
    const log = join(dir, 'never-written.log');
    expect(logSize(log)).toBe(0);
    expect(failedToBind(log)).toBe(false);
    expect(logTail(log)).toContain('is empty');
  });
});
