import { testBrokers, uniqueName } from '@sharq/testkit';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../../src/client/cluster.js';
import { metadataApi } from '../../../src/protocol/apis/metadata/index.js';

describe('Cluster against the real broker', () => {
  const kafka = new Kafka({
    brokers: testBrokers(),
    clientId: 'sharq-client-it',
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  let cluster: Cluster;

  beforeAll(async () => {
    await admin.connect();
    cluster = new Cluster({ brokers: testBrokers(), clientId: 'sharq-client-it' });
    await cluster.connect();
  });

  afterAll(async () => {
    await cluster.close();
    await admin.disconnect();
  });

  it('negotiates with ApiVersions: the broker lists the share-group APIs 76-79 and share.version', () => {
    const versions = cluster.brokerVersions();
    for (const apiKey of [76, 77, 78, 79]) {
      const range = versions.find((v) => v.apiKey === apiKey);
      expect(range, `api ${apiKey}`).toBeDefined();
      expect(range!.maxVersion).toBeGreaterThanOrEqual(1);
    }
    const shareVersion = cluster.finalizedFeatures().find((f) => f.name === 'share.version');
    expect(shareVersion?.maxVersionLevel).toBeGreaterThanOrEqual(1);
    expect(cluster.nodes().length).toBeGreaterThanOrEqual(1);
  });

  it('returns the topic id and leaders of a topic created with kafkajs', async () => {
    const topic = uniqueName('client-meta');
    await admin.createTopics({
      topics: [{ topic, numPartitions: 3, replicationFactor: 1 }],
      waitForLeaders: true,
    });
    const [meta] = await cluster.metadata([topic]);
    expect(meta!.name).toBe(topic);
    expect(meta!.topicId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(meta!.topicId).not.toBe('AAAAAAAAAAAAAAAAAAAAAA');
    expect(meta!.partitions.map((p) => p.partition)).toEqual([0, 1, 2]);
    const nodeIds = cluster.nodes().map((n) => n.nodeId);
    for (const p of meta!.partitions) expect(nodeIds).toContain(p.leaderId);
    expect(cluster.topicName(meta!.topicId)).toBe(topic);
    expect(cluster.topicId(topic)).toBe(meta!.topicId);
    expect(cluster.leaderOf(topic, 2)).toBe(meta!.partitions[2]!.leaderId);
    // kafkajs sees the same id (its fetchTopicMetadata has no ids, so ask the broker a second way: by id).
    const byId = await cluster.send('any', metadataApi, {
      topics: [{ topicId: meta!.topicId, name: null }],
      allowAutoTopicCreation: false,
      includeTopicAuthorizedOperations: false,
    });
    expect(byId.topics[0]).toMatchObject({ errorCode: 0, name: topic, topicId: meta!.topicId });
  });

  it('fails typed for a topic that does not exist', async () => {
    await expect(cluster.metadata([uniqueName('client-missing')])).rejects.toMatchObject({
      code: 'UNKNOWN_TOPIC_OR_PARTITION',
    });
  });

  it('finds the group coordinator with FindCoordinator and caches it', async () => {
    const groupId = uniqueName('client-group');
    const nodeId = await cluster.findGroupCoordinator(groupId);
    expect(cluster.nodes().map((n) => n.nodeId)).toContain(nodeId);
    expect(await cluster.findGroupCoordinator(groupId)).toBe(nodeId);
    expect(cluster.brokerVersions(nodeId).some((v) => v.apiKey === 76)).toBe(true);
  });

  it('pipelines many requests on one connection', async () => {
    const ask = { topics: [], allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false };
    const nodeId = cluster.nodes()[0]!.nodeId;
    const answers = await Promise.all(
      Array.from({ length: 200 }, () => cluster.send(nodeId, metadataApi, ask)),
    );
    expect(new Set(answers.map((a) => a.clusterId)).size).toBe(1);
  });
});
