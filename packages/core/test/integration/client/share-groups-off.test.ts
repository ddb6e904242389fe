/**
 * A broker of the release under test with share groups switched off (`kafka-features disable --feature
 * share.version`, as on a cluster upgraded from a release without them): it still advertises the share APIs
 * 76-79 (measured on 4.2.2), so only the finalized share.version tells. Sharq must fail with one typed error
 * naming the cause and the fix, on connect and on the first queue.add(), not with a protocol error later.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ensureKafkaLibs, type LocalKafka, startLocalKafka, uniqueName } from '@sharq/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster, ShareGroupsUnsupportedError } from '../../../src/client/index.js';
import { Queue } from '../../../src/job/queue/queue.js';
import { KafkaEngine } from '../../../src/kafka/index.js';
import { release } from '../kafka-release.js';

const run = promisify(execFile);

describe(`Kafka ${release.version} with share groups switched off`, () => {
  let kafka: LocalKafka;
  beforeAll(async () => {
    kafka = await startLocalKafka({ version: release.version });
    const { libsDir } = await ensureKafkaLibs({ version: release.version });
    const java = process.env.JAVA_HOME ? `${process.env.JAVA_HOME}/bin/java` : 'java';
    await run(java, [
      '-cp',
      `${libsDir}/*`,
      '-Dorg.slf4j.simpleLogger.defaultLogLevel=warn',
      'org.apache.kafka.tools.FeatureCommand',
      '--bootstrap-server',
      kafka.bootstrap,
      'disable',
      '--feature',
      'share.version',
    ]);
  }, 180_000);
  afterAll(async () => {
    await kafka?.stop();
  });

  it('connecting fails with SHARE_GROUPS_UNSUPPORTED naming the cause and the command that fixes it', async () => {
    const cluster = new Cluster({ brokers: kafka.brokers });
    // The feature change reaches the broker's metadata shortly after the command returns.
    let error: unknown;
    for (const deadline = Date.now() + 20_000; Date.now() < deadline; ) {
      error = await cluster.connect().then(
        () => undefined,
        (e: unknown) => e,
      );
      await cluster.close();
      if (error !== undefined) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(error).toBeInstanceOf(ShareGroupsUnsupportedError);
    const e = error as ShareGroupsUnsupportedError;
    expect(e.code).toBe('SHARE_GROUPS_UNSUPPORTED');
    expect(e.missingApiKeys).toEqual([]);
    expect(e.message).toContain('has share groups switched off (share.version=0)');
    expect(e.message).toContain(
      `kafka-features.sh --bootstrap-server ${kafka.bootstrap} upgrade --feature share.version=1`,
    );
  });

  it('the first queue.add() fails with the same typed error and creates nothing', async () => {
    const engine = new KafkaEngine({ brokers: kafka.brokers });
    const queue = new Queue(uniqueName('off'), { connection: engine });
    try {
      await expect(queue.add('job', { n: 1 })).rejects.toMatchObject({ code: 'SHARE_GROUPS_UNSUPPORTED' });
      expect(await engine.partitionCount(queue.topology.topic)).toBeUndefined();
    } finally {
      await queue.close();
      await engine.close();
    }
  });
});
