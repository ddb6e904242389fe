/**
 * In-process throughput of the embedded engine: produce → poll (acquire) → ACCEPT, one record at a time
 * through the ShareConsumer API, as a worker would. Not a test (no assertion on speed in tests).
 * Run: cd packages/core && npx vitest bench --run test/embedded/throughput.bench.ts
 */
import { bench, describe } from 'vitest';
import { EmbeddedEngine } from '../../src/embedded/index.js';

const RECORDS = 100_000;
const BATCH = 500;

async function produceAcquireAccept(partitions: number, consumers: number): Promise<number> {
  const engine = new EmbeddedEngine();
  await engine.ensureTopic({ name: 't', partitions });
  await engine.configureShareGroup('g', { autoOffsetReset: 'earliest' });
  const started = performance.now();
  const payload = Buffer.alloc(100);
  for (let i = 0; i < RECORDS; i += BATCH) {
    await engine.produce(
      't',
      Array.from({ length: BATCH }, () => ({ value: payload })),
    );
  }
  let done = 0;
  await Promise.all(
    Array.from({ length: consumers }, async () => {
      const consumer = engine.createShareConsumer({ groupId: 'g', topics: ['t'] });
      while (done < RECORDS) {
        const records = await consumer.poll(BATCH, { maxWaitMs: 50 });
        for (const record of records) await consumer.acknowledge(record, 'accept');
        done += records.length;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await engine.close();
  return RECORDS / seconds;
}

describe('embedded engine throughput', () => {
  for (const [partitions, consumers] of [
    [1, 1],
    [1, 8],
    [8, 4],
  ] as const) {
    bench(
      `${RECORDS} records, ${partitions} partition(s), ${consumers} consumer(s)`,
      async () => {
        const rate = await produceAcquireAccept(partitions, consumers);
        console.log(`  ${partitions}p/${consumers}c: ${Math.round(rate).toLocaleString('en')} records/s`);
      },
      { iterations: 3, warmupIterations: 1, time: 0 },
    );
  }
});
