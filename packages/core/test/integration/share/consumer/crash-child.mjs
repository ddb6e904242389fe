// A share consumer that takes records and then hangs without acknowledging, until the parent SIGKILLs it.
// Plain JS on the built package (no TypeScript loader in child processes): `npx tsc -p packages/core/tsconfig.json`.
// argv: <dist dir> <brokers> <group> <topic> <how many to hold>
const [distDir, brokers, groupId, topic, holdArg] = process.argv.slice(2);
const { Cluster } = await import(`${distDir}/client/cluster.js`);
const { createKafkaShareConsumer } = await import(`${distDir}/share/consumer/index.js`);
const hold = Number(holdArg);
const cluster = new Cluster({ brokers: brokers.split(','), clientId: 'crash-child' });
await cluster.connect();
const consumer = createKafkaShareConsumer(cluster, { groupId, topics: [topic] });
const held = [];
while (held.length < hold) {
  for (const r of await consumer.poll(hold - held.length, { maxWaitMs: 1000 })) held.push(r.offset);
}
process.stdout.write(`HELD ${held.join(',')}\n`);
setInterval(() => {}, 60_000); // hang: no ack, no close
