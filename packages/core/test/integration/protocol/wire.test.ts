/**
 * Every codec the protocol layer owns, against the real broker: if our encoding were wrong the broker
 * would refuse or misread the request; if our decoding were wrong the answers below would not make sense.
 * Uses a bare connection (no client layer) on a single-node broker.
 */
import { randomBytes } from 'node:crypto';
import { testBrokers, uniqueName } from '@sharq/testkit';
import kafkajs from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiCodec, type ApiFamily, codecFor, pickVersion } from '../../../src/protocol/api.js';
import { alterShareGroupOffsetsApi } from '../../../src/protocol/apis/alter-share-group-offsets/index.js';
import { apiVersionsApi } from '../../../src/protocol/apis/api-versions/index.js';
import type { ApiVersionRange } from '../../../src/protocol/apis/api-versions/types.js';
import { deleteShareGroupOffsetsApi } from '../../../src/protocol/apis/delete-share-group-offsets/index.js';
import { describeConfigsApi } from '../../../src/protocol/apis/describe-configs/index.js';
import { describeShareGroupOffsetsApi } from '../../../src/protocol/apis/describe-share-group-offsets/index.js';
import { fetchApi } from '../../../src/protocol/apis/fetch/index.js';
import { incrementalAlterConfigsApi } from '../../../src/protocol/apis/incremental-alter-configs/index.js';
import { listGroupsApi } from '../../../src/protocol/apis/list-groups/index.js';
import { listOffsetsApi } from '../../../src/protocol/apis/list-offsets/index.js';
import { metadataApi } from '../../../src/protocol/apis/metadata/index.js';
import { shareAcknowledgeApi } from '../../../src/protocol/apis/share-acknowledge/index.js';
import { shareFetchApi } from '../../../src/protocol/apis/share-fetch/index.js';
import type { ShareFetchAcquiredRecords } from '../../../src/protocol/apis/share-fetch/types.js';
import { shareGroupDescribeApi } from '../../../src/protocol/apis/share-group-describe/index.js';
import { shareGroupHeartbeatApi } from '../../../src/protocol/apis/share-group-heartbeat/index.js';
import {
  Compression,
  compressRecords,
  decompressRecords,
} from '../../../src/protocol/records/compression.js';
import { decodeRecordBatches, decodeRecords } from '../../../src/protocol/records/decode.js';
import { RawConnection } from './raw-connection.js';

const { Kafka, CompressionCodecs, CompressionTypes, logLevel } = kafkajs;

// Let kafkajs produce snappy and lz4 through our codecs, so the broker validates what we write.
for (const [type, codec] of [
  [CompressionTypes.Snappy, Compression.snappy],
  [CompressionTypes.LZ4, Compression.lz4],
] as const) {
  CompressionCodecs[type] = () => ({
    compress: async (encoder: { buffer: Buffer }) => compressRecords(codec, encoder.buffer),
    decompress: async (buffer: Buffer) => decompressRecords(codec, buffer),
  });
}

const GROUP_RESOURCE = 32;
const TOPIC_RESOURCE = 2;
const ACCEPT = 1;
const PER_CODEC = 25;
const CODECS = [
  CompressionTypes.None,
  CompressionTypes.GZIP,
  CompressionTypes.Snappy,
  CompressionTypes.LZ4,
] as const;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('protocol codecs against the broker', () => {
  const broker = testBrokers()[0]!;
  const topic = uniqueName('proto-wire');
  const group = uniqueName('proto-wire-group');
  const memberId = randomBytes(16).toString('base64url');
  const kafka = new Kafka({
    brokers: testBrokers(),
    clientId: 'sharq-protocol-test',
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  let conn: RawConnection;
  let versions: ApiVersionRange[] = [];
  let topicId = '';

  function best<Req, Res>(family: ApiFamily<Req, Res>): ApiCodec<Req, Res> {
    const range = versions.find((v) => v.apiKey === family.apiKey);
    if (range === undefined) throw new Error(`broker lacks ${family.name}`);
    const v = pickVersion(family, range.minVersion, range.maxVersion);
    if (v === undefined) throw new Error(`no common ${family.name} version`);
    return codecFor(family, v)!;
  }

  beforeAll(async () => {
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    const producer = kafka.producer();
    await producer.connect();
    for (const compression of CODECS) {
      await producer.send({
        topic,
        compression,
        messages: Array.from({ length: PER_CODEC }, (_, i) => ({
          key: `k${compression}-${i}`,
          value: `value ${compression}/${i} `.repeat(4),
          headers: { codec: String(compression) },
        })),
      });
    }
    await producer.disconnect();
    conn = await RawConnection.open(broker);
    const av = await conn.send(apiVersionsApi.codecs[0]!, {
      clientSoftwareName: 'sharq-test',
      clientSoftwareVersion: '0.1.0',
    });
    versions = av.apiKeys;
    const meta = await conn.send(best(metadataApi), {
      topics: [{ topicId: 'AAAAAAAAAAAAAAAAAAAAAA', name: topic }],
      allowAutoTopicCreation: false,
      includeTopicAuthorizedOperations: false,
    });
    topicId = meta.topics[0]!.topicId;
  }, 60_000);

  afterAll(async () => {
    conn?.close();
    await admin.disconnect();
  });

  it('ListOffsets: the high watermark counts what was produced', async () => {
    const res = await conn.send(best(listOffsetsApi), {
      replicaId: -1,
      isolationLevel: 0,
      topics: [{ name: topic, partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -1 }] }],
      timeoutMs: 5000,
    });
    expect(res.topics[0]?.partitions[0]).toMatchObject({ errorCode: 0, offset: PER_CODEC * CODECS.length });
  });

  it('Fetch: raw records from every codec decode to what was produced', async () => {
    const codec = best(fetchApi);
    const all: ReturnType<typeof decodeRecords> = [];
    const compressions = new Set<number>();
    while (all.length < PER_CODEC * CODECS.length) {
      const res = await conn.send(codec, {
        maxWaitMs: 500,
        minBytes: 1,
        maxBytes: 1 << 20,
        isolationLevel: 0,
        sessionId: 0,
        sessionEpoch: -1,
        topics: [
          {
            topicId,
            partitions: [
              {
                partition: 0,
                currentLeaderEpoch: -1,
                fetchOffset: all.length,
                lastFetchedEpoch: -1,
                logStartOffset: -1,
                partitionMaxBytes: 1 << 20,
              },
            ],
          },
        ],
        forgottenTopicsData: [],
        rackId: '',
      });
      expect(res.errorCode).toBe(0);
      const p = res.responses[0]!.partitions[0]!;
      expect(p.errorCode).toBe(0);
      expect(p.highWatermark).toBe(PER_CODEC * CODECS.length);
      const batches = decodeRecordBatches(p.records ?? Buffer.alloc(0));
      for (const b of batches) compressions.add(b.compression);
      all.push(...batches.flatMap((b) => b.records).filter((r) => r.offset >= all.length));
    }
    expect(compressions).toEqual(new Set([0, 1, 2, 3]));
    all.forEach((r, n) => {
      const compression = CODECS[Math.floor(n / PER_CODEC)]!;
      const i = n % PER_CODEC;
      expect(r.offset).toBe(n);
      expect(r.key?.toString()).toBe(`k${compression}-${i}`);
      expect(r.value?.toString()).toBe(`value ${compression}/${i} `.repeat(4));
      expect(r.headers).toEqual([{ key: 'codec', value: Buffer.from(String(compression)) }]);
      expect(r.timestamp).toBeGreaterThan(Date.now() - 600_000);
    });
  });

  it('DescribeConfigs / IncrementalAlterConfigs on topic and group resources', async () => {
    const topicConfigs = await conn.send(best(describeConfigsApi), {
      resources: [
        { resourceType: TOPIC_RESOURCE, resourceName: topic, configurationKeys: ['cleanup.policy'] },
      ],
      includeSynonyms: true,
      includeDocumentation: true,
    });
    expect(topicConfigs.results[0]).toMatchObject({ errorCode: 0, resourceName: topic });
    expect(topicConfigs.results[0]?.configs[0]).toMatchObject({ name: 'cleanup.policy', value: 'delete' });
    expect(topicConfigs.results[0]?.configs[0]?.documentation).toMatch(/./);

    const altered = await conn.send(best(incrementalAlterConfigsApi), {
      resources: [
        {
          resourceType: GROUP_RESOURCE,
          resourceName: group,
          configs: [{ name: 'share.auto.offset.reset', configOperation: 0, value: 'earliest' }],
        },
      ],
      validateOnly: false,
    });
    expect(altered.responses).toEqual([
      { errorCode: 0, errorMessage: null, resourceType: GROUP_RESOURCE, resourceName: group },
    ]);
    // Group configs travel through the controller: a describe right after the alter may still see the old value.
    const readReset = async () => {
      const groupConfigs = await conn.send(best(describeConfigsApi), {
        resources: [{ resourceType: GROUP_RESOURCE, resourceName: group, configurationKeys: null }],
        includeSynonyms: false,
        includeDocumentation: false,
      });
      return groupConfigs.results[0]?.configs.find((c) => c.name === 'share.auto.offset.reset')?.value;
    };
    await expect.poll(readReset, { timeout: 15_000, interval: 100 }).toBe('earliest');
  });

  it('share group: heartbeat, fetch, acknowledge, describe, list, offsets', async () => {
    const heartbeat = best(shareGroupHeartbeatApi);
    let epoch = 0;
    let assigned = false;
    for (let i = 0; i < 40 && !assigned; i++) {
      const hb = await conn.send(heartbeat, {
        groupId: group,
        memberId,
        memberEpoch: epoch,
        rackId: null,
        subscribedTopicNames: epoch === 0 ? [topic] : null,
      });
      expect(hb.errorCode).toBe(0);
      epoch = hb.memberEpoch;
      assigned = hb.assignment?.topicPartitions.some((tp) => tp.topicId === topicId) ?? false;
      if (!assigned) await sleep(250);
    }
    expect(assigned).toBe(true);

    const shareFetch = best(shareFetchApi);
    let sessionEpoch = 0;
    const acquired: ShareFetchAcquiredRecords[] = [];
    const delivered: number[] = [];
    for (let i = 0; i < 40 && delivered.length < PER_CODEC * CODECS.length; i++) {
      const res = await conn.send(shareFetch, {
        groupId: group,
        memberId,
        shareSessionEpoch: sessionEpoch,
        maxWaitMs: 500,
        minBytes: 1,
        maxBytes: 1 << 20,
        maxRecords: 1000,
        batchSize: 1000,
        topics: [{ topicId, partitions: [{ partitionIndex: 0, acknowledgementBatches: [] }] }],
        forgottenTopicsData: [],
      });
      sessionEpoch++;
      expect(res.errorCode).toBe(0);
      const p = res.responses[0]?.partitions[0];
      if (p === undefined) continue;
      expect(p.errorCode).toBe(0);
      expect(res.acquisitionLockTimeoutMs).toBeGreaterThan(0);
      acquired.push(...p.acquiredRecords);
      const byOffset = new Set(decodeRecords(p.records).map((r) => r.offset));
      for (const a of p.acquiredRecords) {
        expect(a.deliveryCount).toBe(1);
        for (let o = a.firstOffset; o <= a.lastOffset; o++) if (byOffset.has(o)) delivered.push(o);
      }
    }
    expect(delivered.sort((a, b) => a - b)).toEqual(
      Array.from({ length: PER_CODEC * CODECS.length }, (_, i) => i),
    );

    const ack = await conn.send(best(shareAcknowledgeApi), {
      groupId: group,
      memberId,
      shareSessionEpoch: sessionEpoch++,
      topics: [
        {
          topicId,
          partitions: [
            {
              partitionIndex: 0,
              acknowledgementBatches: acquired.map((a) => ({
                firstOffset: a.firstOffset,
                lastOffset: a.lastOffset,
                acknowledgeTypes: [ACCEPT],
              })),
            },
          ],
        },
      ],
    });
    expect(ack.errorCode).toBe(0);
    expect(ack.responses[0]?.partitions[0]).toMatchObject({ partitionIndex: 0, errorCode: 0 });

    const described = await conn.send(best(shareGroupDescribeApi), {
      groupIds: [group],
      includeAuthorizedOperations: false,
    });
    expect(described.groups[0]).toMatchObject({ errorCode: 0, groupId: group, groupState: 'Stable' });
    expect(described.groups[0]?.members[0]).toMatchObject({
      memberId,
      clientId: 'sharq-protocol-test',
      subscribedTopicNames: [topic],
      assignment: { topicPartitions: [{ topicId, topicName: topic, partitions: [0] }] },
    });

    const listed = await conn.send(best(listGroupsApi), { statesFilter: [], typesFilter: ['share'] });
    expect(listed.errorCode).toBe(0);
    expect(listed.groups.find((g) => g.groupId === group)).toMatchObject({
      groupType: 'share',
      protocolType: 'share',
    });
    expect(listed.groups.every((g) => g.groupType === 'share')).toBe(true);

    // After the acks the broker reports no lag (v1). The persisted SPSO may trail (the broker
    // snapshots share state lazily), so it is only checked to be a valid offset.
    const offsetsCodec = best(describeShareGroupOffsetsApi);
    expect(offsetsCodec.version).toBe(1);
    let lag = -1;
    for (let i = 0; i < 40 && lag !== 0; i++) {
      const offsets = await conn.send(offsetsCodec, {
        groups: [{ groupId: group, topics: [{ topicName: topic, partitions: [0] }] }],
      });
      expect(offsets.groups[0]).toMatchObject({ groupId: group, errorCode: 0 });
      expect(offsets.groups[0]?.topics[0]).toMatchObject({ topicName: topic, topicId });
      const p = offsets.groups[0]?.topics[0]?.partitions[0];
      expect(p).toMatchObject({ partitionIndex: 0, errorCode: 0, leaderEpoch: 0 });
      expect(p?.startOffset).toBeGreaterThanOrEqual(0);
      expect(p?.startOffset).toBeLessThanOrEqual(PER_CODEC * CODECS.length);
      lag = p?.lag ?? -1;
      if (lag !== 0) await sleep(250);
    }
    expect(lag).toBe(0);

    // Close the share session and leave, so the group is empty and its offsets can be altered.
    await conn.send(shareFetch, {
      groupId: group,
      memberId,
      shareSessionEpoch: -1,
      maxWaitMs: 0,
      minBytes: 0,
      maxBytes: 0,
      maxRecords: 0,
      batchSize: 0,
      topics: [],
      forgottenTopicsData: [],
    });
    const left = await conn.send(heartbeat, {
      groupId: group,
      memberId,
      memberEpoch: -1,
      rackId: null,
      subscribedTopicNames: null,
    });
    expect(left).toMatchObject({ errorCode: 0, memberEpoch: -1 });

    const altered = await conn.send(best(alterShareGroupOffsetsApi), {
      groupId: group,
      topics: [{ topicName: topic, partitions: [{ partitionIndex: 0, startOffset: 10 }] }],
    });
    expect(altered.errorCode).toBe(0);
    expect(altered.responses[0]).toMatchObject({ topicName: topic, topicId });
    expect(altered.responses[0]?.partitions[0]).toMatchObject({ partitionIndex: 0, errorCode: 0 });

    const deleted = await conn.send(best(deleteShareGroupOffsetsApi), {
      groupId: group,
      topics: [{ topicName: topic }],
    });
    expect(deleted.errorCode).toBe(0);
    expect(deleted.responses).toEqual([{ topicName: topic, topicId, errorCode: 0, errorMessage: null }]);
  }, 60_000);
});
