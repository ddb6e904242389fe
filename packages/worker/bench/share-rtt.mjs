// Where a no-op job's time goes below the Worker (not a test): the share consumer's poll → ACCEPT cycle on a
// queue of N jobs, timing each poll (= one ShareFetch round trip, since each poll asks for what the
// previous one returned and finds nothing buffered). Two modes:
//   piggy  — acknowledge, then poll at once: the ACCEPTs ride on the next ShareFetch (what the Worker does)
//   apart  — acknowledge and wait for the acks (a ShareAcknowledge of their own), then poll
// Usage: SHARQ_KAFKA_BROKERS=127.0.0.1:39092 node packages/worker/bench/share-rtt.mjs [N] [batch]
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { acquireEngine, Queue } from '@sharq/core';

const [nArg = '20000', bArg = '50'] = process.argv.slice(2);
const N = Number(nArg);
const batch = Number(bArg);
const connection = { brokers: (process.env.SHARQ_KAFKA_BROKERS ?? '127.0.0.1:39092').split(',') };

async function fill() {
  const name = `rtt-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const queue = new Queue(name, { connection });
  await queue.waitUntilReady();
  for (let i = 0; i < N; i += 5_000) {
    const jobs = [];
    for (let j = i; j < Math.min(N, i + 5_000); j++) jobs.push({ name: 'noop', data: { i: j } });
    await queue.addBulk(jobs);
  }
  return queue;
}

function pct(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function run(mode) {
  const queue = await fill();
  const lease = acquireEngine(connection);
  const consumer = lease.engine.createShareConsumer({
    groupId: queue.topology.group,
    topics: [queue.topology.topic],
  });
  // Join and warm up: the first poll pays for the group join and the session open.
  const warm = await consumer.poll(batch, { maxWaitMs: 10_000 });
  let got = warm.length;
  let pending = warm.map((r) => consumer.acknowledge(r, 'accept'));
  const polls = [];
  const acks = [];
  const t0 = performance.now();
  let last = await consumer.poll(batch, { maxWaitMs: 10_000 });
  got += last.length;
  while (got < N) {
    const ackStart = performance.now();
    pending = last.map((r) => consumer.acknowledge(r, 'accept'));
    if (mode === 'apart') {
      await Promise.all(pending);
      acks.push(performance.now() - ackStart);
    }
    const start = performance.now();
    last = await consumer.poll(batch, { maxWaitMs: 5_000 });
    polls.push(performance.now() - start);
    if (process.env.RTT_DEBUG && polls.at(-1) > 1000)
      console.error(
        `slow poll #${polls.length}: ${Math.round(polls.at(-1))} ms, ${last.length} records, got ${got}`,
      );
    got += last.length;
    if (last.length === 0) break;
  }
  await Promise.all([...pending, ...last.map((r) => consumer.acknowledge(r, 'accept'))]);
  const ms = performance.now() - t0;
  await consumer.close();
  await lease.release();
  await queue.close();
  polls.sort((a, b) => a - b);
  acks.sort((a, b) => a - b);
  const round = (x) => (x === undefined ? undefined : Math.round(x * 100) / 100);
  console.log(
    JSON.stringify({
      mode,
      batch,
      load1: Number(loadavg()[0]?.toFixed(1)),
      recordsPerSec: Math.round(got / (ms / 1000)),
      pollMs: { p50: round(pct(polls, 50)), p90: round(pct(polls, 90)), p99: round(pct(polls, 99)) },
      ...(acks.length ? { ackMs: { p50: round(pct(acks, 50)), p90: round(pct(acks, 90)) } } : {}),
    }),
  );
}

await run('piggy');
await run('apart');
