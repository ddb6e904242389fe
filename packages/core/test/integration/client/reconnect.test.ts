/**
 * Broker restart: the client reconnects by itself. This test starts its OWN broker through the testkit
 * (it must stop it; the shared dev broker is never touched).
 */
import { type LocalKafka, startLocalKafka, uniqueName } from '@sharq/testkit';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../../src/client/cluster.js';
import { BrokerConnectionError } from '../../../src/client/connection.js';
import { metadataApi } from '../../../src/protocol/apis/metadata/index.js';

const noTopics = { topics: [], allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false };

describe('Cluster across a broker restart (own broker)', () => {
  let kafka: LocalKafka;
  let cluster: Cluster;

  beforeAll(async () => {
    kafka = await startLocalKafka();
  }, 180_000);

  afterAll(async () => {
    await cluster?.close();
    await kafka?.stop();
  }, 60_000);

  it('holds requests while the broker is down and resumes with the same topic ids after it restarts', async () => {
    const topic = uniqueName('client-restart');
    const admin = new Kafka({ brokers: kafka.brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.createTopics({
      topics: [{ topic, numPartitions: 2, replicationFactor: 1 }],
      waitForLeaders: true,
    });
    await admin.disconnect();

    cluster = new Cluster({
      brokers: kafka.brokers,
      requestTimeoutMs: 120_000,
      retryBackoffMs: 100,
      retryBackoffMaxMs: 1000,
    });
    await cluster.connect();
    const [before] = await cluster.metadata([topic]);
    const nodeId = cluster.nodes()[0]!.nodeId;

    await kafka.halt({ signal: 'SIGKILL' });
    // Issued while the broker is down: must wait for it, not fail.
    const lost = await cluster
      .send(nodeId, metadataApi, noTopics, { timeoutMs: 1500 })
      .catch((error: unknown) => error);
    expect(lost).toBeInstanceOf(BrokerConnectionError);
    expect(lost).toMatchObject({ code: 'CONNECTION', requestSent: false });

    const pending = cluster.send(nodeId, metadataApi, noTopics);
    pending.catch(() => {}); // awaited below
    await kafka.resume();
    const answer = await pending;
    expect(answer.brokers.map((b) => b.nodeId)).toContain(nodeId);

    await cluster.refreshMetadata([topic]);
    const [after] = await cluster.metadata([topic]);
    expect(after!.topicId).toBe(before!.topicId);
    expect(after!.partitions.every((p) => p.leaderId === nodeId)).toBe(true);
    expect(await cluster.findGroupCoordinator(uniqueName('client-restart-group'))).toBe(nodeId);
  }, 240_000);
});
