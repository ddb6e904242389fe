// Quick throughput check of the share consumer (not a test): records/s consumed AND acknowledged (ACCEPT)
// by 1 and N consumers, on a fresh topic of 100-byte records. Runs on the built package:
//   npx tsc -p packages/core/tsconfig.json
//   node packages/core/test/integration/share/consumer/bench/throughput.mjs [records] [partitions] [--java]
// With --java it also runs Kafka's ShareConsumerPerformance (kafka-tools) on the same topic for comparison.
import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(here, '../../../../../dist');
const { Cluster } = await import(`${dist}/client/cluster.js`);
const { createKafkaShareConsumer } = await import(`${dist}/share/consumer/index.js`);
const { alterShareGroupConfigs } = await import(`${dist}/share/admin/index.js`);

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const total = Number(args[0] ?? 200_000);
const partitions = Number(args[1] ?? 1);
const withJava = process.argv.includes('--java');
// One Cluster (= one TCP connection per broker) per consumer instead of a shared one: the broker serves one
// request per connection at a time, so consumers sharing a connection queue behind each other's long polls.
const ownCluster = process.argv.includes('--own-cluster');
// --batch-optimized: ShareAcquireMode 0 (whole log batches, may acquire more than asked) instead of record_limit.
const acquireMode = process.argv.includes('--batch-optimized') ? 'batch_optimized' : 'record_limit';
const brokers = (process.env.SHARQ_KAFKA_BROKERS ?? '127.0.0.1:39092').split(',');
const stamp = `${Date.now().toString(36)}`;
// SHARQ_BENCH_TOPIC reuses a topic that already holds the records (e.g. to profile consumption alone).
const reuse = process.env.SHARQ_BENCH_TOPIC;
const topic = reuse ?? `bench-share-${stamp}`;

const kafka = new Kafka({ clientId: 'share-bench', brokers, logLevel: logLevel.NOTHING });
if (!reuse) await produceAll();
async function produceAll() {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  const value = Buffer.alloc(100, 'x');
  const t0 = Date.now();
  for (let sent = 0; sent < total; sent += 2_000) {
    const n = Math.min(2_000, total - sent);
    await producer.send({ topic, messages: Array.from({ length: n }, () => ({ value })) });
  }
  await producer.disconnect();
  console.log(`produced ${total} x 100 B into ${topic} (${partitions} partitions) in ${Date.now() - t0} ms`);
}

const cluster = new Cluster({ brokers, clientId: 'share-bench' });
await cluster.connect();

let runs = 0;
async function run(consumers) {
  const groupId = `bench-g${consumers}-${stamp}-${runs++}`;
  await alterShareGroupConfigs(cluster, groupId, { autoOffsetReset: 'earliest' });
  const clusters = [];
  for (let i = 0; ownCluster && i < consumers; i++) {
    const own = new Cluster({ brokers, clientId: `share-bench-${i}` });
    await own.connect();
    clusters.push(own);
  }
  const started = Date.now();
  const list = Array.from({ length: consumers }, (_, i) =>
    createKafkaShareConsumer(clusters[i] ?? cluster, { groupId, topics: [topic], acquireMode }),
  );
  let consumed = 0;
  let first = 0;
  const acks = [];
  await Promise.all(
    list.map(async (c) => {
      while (consumed < total) {
        const records = await c.poll(500, { maxWaitMs: 2000 });
        if (records.length && !first) first = Date.now();
        consumed += records.length;
        for (const r of records) acks.push(c.acknowledge(r, 'accept'));
        if (records.length === 0 && consumed >= total) break;
      }
    }),
  );
  await Promise.all(acks);
  const end = Date.now();
  await Promise.all(list.map((c) => c.close()));
  await Promise.all(clusters.map((c) => c.close()));
  // Like ShareConsumerPerformance, the rate counts from the start (group join included); steady = from the first record.
  const rate = Math.round((consumed / (end - started)) * 1000);
  const steady = Math.round((consumed / (end - first)) * 1000);
  console.log(
    `sharq  consumers=${consumers}: ${consumed} records consumed+accepted in ${end - started} ms = ${rate} rec/s (steady ${steady} rec/s)`,
  );
  return rate;
}

function java(threads) {
  const groupId = `bench-java${threads}-${stamp}-${runs++}`;
  execFileSync(
    'java',
    [
      '-cp',
      '/tmp/kfk/libs/*',
      'org.apache.kafka.tools.ConfigCommand',
      '--bootstrap-server',
      brokers[0],
      '--entity-type',
      'groups',
      '--entity-name',
      groupId,
      '--alter',
      '--add-config',
      'share.auto.offset.reset=earliest',
    ],
    { stdio: 'pipe' },
  );
  const out = execFileSync(
    'java',
    [
      '-Xmx512m',
      '-cp',
      '/tmp/kfk/libs/*',
      'org.apache.kafka.tools.ShareConsumerPerformance',
      '--bootstrap-server',
      brokers[0],
      '--topic',
      topic,
      '--num-records',
      String(total),
      '--group',
      groupId,
      '--threads',
      String(threads),
      '--timeout',
      '20000',
    ],
    { stdio: 'pipe' },
  ).toString();
  const line = out.trim().split('\n').pop();
  const cols = line.split(',').map((s) => s.trim());
  console.log(`java   threads=${threads}: ${line}  → nMsg.sec=${cols[4]}`);
  return Number(cols[4]);
}

// SHARQ_BENCH_CONSUMERS="1" (default "1,4"): which consumer counts to run. SHARQ_BENCH_ROUNDS repeats the
// sharq/java pairs back to back, since on a busy machine single runs vary by 2x or more.
const counts = (process.env.SHARQ_BENCH_CONSUMERS ?? '1,4').split(',').map(Number);
const rounds = Number(process.env.SHARQ_BENCH_ROUNDS ?? 1);
for (let round = 1; round <= rounds; round++) {
  for (const n of counts) {
    const ours = await run(n);
    if (withJava) console.log(`ratio sharq/java, ${n} consumer(s): ${(ours / java(n)).toFixed(2)}x`);
  }
}
await cluster.close();
