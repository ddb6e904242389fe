import { afterEach, describe, expect, it } from 'vitest';
import { Cluster, type ClusterOptions } from '../../src/client/cluster.js';
import { BrokerConnectionError } from '../../src/client/connection.js';
import { brokerError, KafkaProtocolError } from '../../src/client/errors.js';
import { ShareGroupsUnsupportedError } from '../../src/client/versions.js';
import { ValidationError } from '../../src/errors.js';
import { metadataApi } from '../../src/protocol/apis/metadata/index.js';
import type { MetadataRequest, MetadataTopic } from '../../src/protocol/apis/metadata/types.js';
import { apiVersionsResponse, brokerApiKeys, FakeBroker } from './fake-broker.js';

const TOPIC_ID = 'q2Fma2EtdG9waWMtaWQxMg';
const ZERO = 'AAAAAAAAAAAAAAAAAAAAAA';

function jobsTopic(errorCode = 0): MetadataTopic {
  return {
    errorCode,
    name: 'jobs',
    topicId: errorCode === 0 ? TOPIC_ID : ZERO,
    isInternal: false,
    partitions:
      errorCode === 0
        ? [0, 1].map((p) => ({
            errorCode: 0,
            partitionIndex: p,
            leaderId: 1,
            leaderEpoch: 3,
            replicaNodes: [1],
            isrNodes: [1],
            offlineReplicas: [],
          }))
        : [],
    topicAuthorizedOperations: -2147483648,
  };
}

/** Answers metadata for 'jobs' (and reports any other name as unknown). */
function serveJobs(broker: FakeBroker, jobsError: () => number = () => 0): void {
  broker.on(3, (request) => {
    const asked = (request.body as MetadataRequest).topics ?? [];
    return broker.metadata(
      asked.map((t) =>
        t.name === 'jobs'
          ? jobsTopic(jobsError())
          : { ...jobsTopic(3), name: t.name, topicId: ZERO, partitions: [] },
      ),
    );
  });
}

let broker: FakeBroker | undefined;
const clusters: Cluster[] = [];

function cluster(overrides: Partial<ClusterOptions> = {}): Cluster {
  const c = new Cluster({
    brokers: [broker!.address],
    requestTimeoutMs: 3000,
    connectTimeoutMs: 1000,
    retryBackoffMs: 20,
    retryBackoffMaxMs: 100,
    ...overrides,
  });
  clusters.push(c);
  return c;
}

afterEach(async () => {
  await Promise.all(clusters.splice(0).map((c) => c.close()));
  await broker?.close();
  broker = undefined;
});

/** Gives the client's socket time to see the broker's FIN (a request written before that is "sent"). */
const brokerGoneSeen = () => new Promise((resolve) => setTimeout(resolve, 50));

const metadataCount = () => broker!.requests.filter((r) => r.apiKey === 3).length;

describe('Cluster.connect', () => {
  it('bootstraps, learns the nodes and what the broker speaks', async () => {
    broker = await new FakeBroker().listen();
    const c = cluster();
    await c.connect();
    expect(c.nodes()).toEqual([{ nodeId: 1, host: '127.0.0.1', port: broker.port }]);
    expect(c.brokerVersions().map((v) => v.apiKey)).toEqual(expect.arrayContaining([76, 77, 78, 79]));
    expect(c.brokerVersions(1)).toEqual(c.brokerVersions());
    expect(c.finalizedFeatures()).toEqual([
      { name: 'share.version', maxVersionLevel: 2, minVersionLevel: 2 },
    ]);
    expect(broker.requests[0]).toMatchObject({ apiKey: 18, apiVersion: 4, clientId: 'sharq' });
  });

  it('fails typed, naming what the broker advertised, when it lacks share groups', async () => {
    broker = await new FakeBroker().listen();
    const keys = [...brokerApiKeys(false), { apiKey: 78, minVersion: 1, maxVersion: 1 }];
    broker.on(18, () => ({ ...apiVersionsResponse(keys), finalizedFeatures: [] }));
    const error = await cluster()
      .connect()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShareGroupsUnsupportedError);
    expect(error).toMatchObject({
      code: 'SHARE_GROUPS_UNSUPPORTED',
      broker: broker.address,
      missingApiKeys: [76, 77, 79],
      advertised: [{ apiKey: 78, minVersion: 1, maxVersion: 1 }],
      shareVersion: undefined,
    });
    expect((error as Error).message).toMatch(
      /ShareGroupHeartbeat\(76\).*\[78 v1-1\].*share\.version=not finalized/,
    );
  });

  it('connects to a broker without share groups when requireShareGroups is false', async () => {
    broker = await new FakeBroker().listen();
    broker.on(18, () => apiVersionsResponse(brokerApiKeys(false)));
    const c = cluster({ requireShareGroups: false });
    await c.connect();
    expect(c.brokerVersions().some((v) => v.apiKey === 78)).toBe(false);
  });

  it('tries the next bootstrap broker when the first is down', async () => {
    broker = await new FakeBroker().listen();
    const dead = await new FakeBroker().listen();
    const deadAddress = dead.address;
    await dead.close();
    const c = cluster({ brokers: [deadAddress, broker.address] });
    await c.connect();
    expect(c.nodes()).toHaveLength(1);
  });

  it('rejects bad options with a ValidationError naming the field', () => {
    expect(() => new Cluster({ brokers: ['no-port'] })).toThrow(ValidationError);
    expect(() => new Cluster({ brokers: [] })).toThrow(/brokers/);
  });
});

describe('Cluster.send', () => {
  it('uses the highest version both sides speak', async () => {
    broker = await new FakeBroker().listen();
    broker.on(18, () =>
      apiVersionsResponse(brokerApiKeys().map((k) => (k.apiKey === 3 ? { ...k, maxVersion: 12 } : k))),
    );
    const c = cluster();
    await c.connect();
    expect(broker.requests.find((r) => r.apiKey === 3)?.apiVersion).toBe(12);
    const versionsSeen: number[] = [];
    await c.send(1, metadataApi, (version) => {
      versionsSeen.push(version);
      return { topics: [], allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false };
    });
    expect(versionsSeen).toEqual([12]);
  });

  it('rejects with a fatal UNSUPPORTED_VERSION naming both ranges when there is no common version', async () => {
    broker = await new FakeBroker().listen();
    broker.on(18, () =>
      apiVersionsResponse(brokerApiKeys().map((k) => (k.apiKey === 10 ? { ...k, maxVersion: 3 } : k))),
    );
    const c = cluster();
    await c.connect();
    const error = await c.findGroupCoordinator('g').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KafkaProtocolError);
    expect(error).toMatchObject({ code: 'UNSUPPORTED_VERSION', fatal: true });
    expect((error as Error).message).toMatch(/FindCoordinator .* speaks v0-3, Sharq speaks v4, 5, 6/);
  });
});

describe('Cluster metadata', () => {
  it('returns topic ids and leaders, caches them, and refreshes on demand', async () => {
    broker = await new FakeBroker().listen();
    serveJobs(broker);
    const c = cluster();
    await c.connect();
    const [jobs] = await c.metadata(['jobs']);
    expect(jobs).toEqual({
      name: 'jobs',
      topicId: TOPIC_ID,
      partitions: [
        { partition: 0, leaderId: 1, leaderEpoch: 3 },
        { partition: 1, leaderId: 1, leaderEpoch: 3 },
      ],
    });
    expect(c.topicId('jobs')).toBe(TOPIC_ID);
    expect(c.topicName(TOPIC_ID)).toBe('jobs');
    expect(c.leaderOf('jobs', 1)).toBe(1);
    expect(c.leaderOf('jobs', 9)).toBeUndefined();
    const before = metadataCount();
    await c.metadata(['jobs']);
    expect(metadataCount()).toBe(before);
    await c.refreshMetadata();
    expect(metadataCount()).toBe(before + 1);
  });

  it('coalesces a storm of refreshes into one Metadata request', async () => {
    broker = await new FakeBroker().listen();
    serveJobs(broker);
    const c = cluster();
    await c.connect();
    await c.metadata(['jobs']);
    const before = metadataCount();
    await Promise.all(Array.from({ length: 50 }, () => c.refreshMetadata(['jobs'])));
    expect(metadataCount() - before).toBe(1);
  });

  it('fails fast and typed for a topic that does not exist', async () => {
    broker = await new FakeBroker().listen();
    serveJobs(broker);
    const c = cluster();
    await c.connect();
    await expect(c.metadata(['nope'])).rejects.toMatchObject({ code: 'UNKNOWN_TOPIC_OR_PARTITION' });
  });

  it('retries a retriable topic error such as LEADER_NOT_AVAILABLE', async () => {
    broker = await new FakeBroker().listen();
    let calls = 0;
    serveJobs(broker, () => (++calls < 3 ? 5 : 0));
    const c = cluster();
    await c.connect();
    const [jobs] = await c.metadata(['jobs']);
    expect(jobs?.topicId).toBe(TOPIC_ID);
    expect(calls).toBe(3);
  });

  it('recoverFrom refreshes metadata on NOT_LEADER_OR_FOLLOWER and forgets the coordinator on NOT_COORDINATOR', async () => {
    broker = await new FakeBroker().listen();
    serveJobs(broker);
    broker.on(10, () => ({
      throttleTimeMs: 0,
      coordinators: [
        { key: 'g', nodeId: 1, host: '127.0.0.1', port: broker!.port, errorCode: 0, errorMessage: null },
      ],
    }));
    const c = cluster();
    await c.connect();
    await c.metadata(['jobs']);
    await c.findGroupCoordinator('g');
    const before = metadataCount();
    expect(await c.recoverFrom(brokerError(6), { topics: ['jobs'] })).toBe(true);
    expect(metadataCount()).toBe(before + 1);
    expect(await c.recoverFrom(brokerError(16), { groupId: 'g' })).toBe(true);
    await c.findGroupCoordinator('g');
    expect(broker.requests.filter((r) => r.apiKey === 10)).toHaveLength(2);
    expect(await c.recoverFrom(brokerError(121))).toBe(false);
  });
});

describe('Cluster.findGroupCoordinator', () => {
  it('retries COORDINATOR_LOAD_IN_PROGRESS, caches the answer, and asks again after invalidation', async () => {
    broker = await new FakeBroker().listen();
    let calls = 0;
    broker.on(10, () => {
      calls++;
      return {
        throttleTimeMs: 0,
        coordinators: [
          {
            key: 'g',
            nodeId: 1,
            host: '127.0.0.1',
            port: broker!.port,
            errorCode: calls === 1 ? 14 : 0,
            errorMessage: null,
          },
        ],
      };
    });
    const c = cluster();
    await c.connect();
    const [a, b] = await Promise.all([c.findGroupCoordinator('g'), c.findGroupCoordinator('g')]);
    expect([a, b]).toEqual([1, 1]);
    expect(calls).toBe(2);
    expect(await c.findGroupCoordinator('g')).toBe(1);
    expect(calls).toBe(2);
    c.invalidateCoordinator('g');
    await c.findGroupCoordinator('g');
    expect(calls).toBe(3);
    const request = broker.requests.find((r) => r.apiKey === 10);
    expect(request?.body).toEqual({ keyType: 0, coordinatorKeys: ['g'] });
  });

  it('throws a non-retriable coordinator error typed', async () => {
    broker = await new FakeBroker().listen();
    broker.on(10, () => ({
      throttleTimeMs: 0,
      coordinators: [{ key: 'g', nodeId: -1, host: '', port: -1, errorCode: 30, errorMessage: 'denied' }],
    }));
    const c = cluster();
    await c.connect();
    await expect(c.findGroupCoordinator('g')).rejects.toMatchObject({ code: 'GROUP_AUTHORIZATION_FAILED' });
  });
});

describe('Cluster reconnect', () => {
  it('holds a request while the broker is down and sends it once the broker is back', async () => {
    broker = await new FakeBroker().listen();
    const port = broker.port;
    const c = cluster();
    await c.connect();
    await broker.close();
    await brokerGoneSeen();
    const pending = c.send(1, metadataApi, {
      topics: [],
      allowAutoTopicCreation: false,
      includeTopicAuthorizedOperations: false,
    });
    pending.catch(() => {}); // awaited below; keeps the rejection (if any) from being reported as unhandled meanwhile
    // Let the client fail at least one reconnect attempt before the broker returns.
    await new Promise((resolve) => setTimeout(resolve, 150));
    broker = await new FakeBroker().listen(port);
    const res = await pending;
    expect(res.brokers[0]?.port).toBe(port);
    expect(broker.requests.map((r) => r.apiKey)).toEqual([18, 3]);
  });

  it('rejects typed when the broker stays down past the request timeout', async () => {
    broker = await new FakeBroker().listen();
    const c = cluster();
    await c.connect();
    await broker.close();
    await brokerGoneSeen();
    const error = await c
      .send(
        1,
        metadataApi,
        { topics: [], allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false },
        { timeoutMs: 300 },
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrokerConnectionError);
    expect(error).toMatchObject({ code: 'CONNECTION', requestSent: false });
  });

  it('re-sends an in-flight request on a new connection only when it is idempotent', async () => {
    broker = await new FakeBroker().listen();
    const c = cluster();
    await c.connect();
    let kills = 0;
    broker.on(3, (request) => {
      if (kills++ % 2 === 0) {
        request.socket.destroy();
        return undefined;
      }
      return broker!.metadata([]);
    });
    const ask = { topics: [], allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false };
    const lost = await c.send(1, metadataApi, ask).catch((e: unknown) => e);
    expect(lost).toMatchObject({ code: 'CONNECTION', requestSent: true });
    const retried = await c.send(1, metadataApi, ask, { idempotent: true });
    expect(retried.clusterId).toBe('fake-cluster');
  });
});
