/**
 * The autoscaling recipe (README, "Operating Sharq"): KEDA's Prometheus scaler on the dashboard's waiting
 * metric. Checked here: the recipe's query names a metric the dashboard exports, and that metric follows
 * the backlog — 1,000 jobs added → 1,000 waiting in one scrape (3 partitions, summed as the query does);
 * workers drain the queue → 0.
 */
import { readFileSync } from 'node:fs';
import { Queue } from '@sharq/core';
import { testBrokers, uniqueName } from '@sharq/testkit';
import { Worker } from '@sharq/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Dashboard, startDashboard } from '../../src/index.js';
import { call } from './http-client.js';
import { parseSamples } from './prometheus-text.js';
import { until } from './scenario.js';

const README = new URL('../../../../README.md', import.meta.url);
const REFRESH_MS = 400;

/** The PromQL of the ScaledObject in the README: `sum(<metric>{queue="<q>"})`. */
function recipeQuery(): { metric: string } {
  const readme = readFileSync(README, 'utf8');
  const block = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)]
    .map((m) => m[1] ?? '')
    .find((b) => b.includes('kind: ScaledObject'));
  if (!block) throw new Error('README has no ScaledObject yaml block');
  expect(block).toContain('type: prometheus');
  const query = /query: (.+)/.exec(block)?.[1]?.trim() ?? '';
  const match = /^sum\(([a-z_:]+)\{queue="[^"]+"\}\)$/.exec(query);
  if (!match) throw new Error(`unexpected recipe query: ${query}`);
  return { metric: match[1] as string };
}

describe('KEDA recipe: the waiting metric follows the backlog (Kafka)', () => {
  const brokers = testBrokers();
  const q = uniqueName('scaled');
  let queue: Queue<{ n: number }>;
  let dashboard: Dashboard;
  const workers: Worker<{ n: number }>[] = [];

  /** What KEDA's query returns: the sum over the queue's series of the metric. */
  const query = async (metric: string) => {
    const text = (await call(dashboard.metricsUrl as string, '/metrics')).text;
    const series = parseSamples(text).filter((s) => s.name === metric && s.labels.queue === q);
    return series.length === 0 ? undefined : series.reduce((sum, s) => sum + s.value, 0);
  };

  beforeAll(async () => {
    queue = new Queue(q, { connection: { brokers }, partitions: 3 });
    await queue.waitUntilReady();
    dashboard = await startDashboard({
      connection: { brokers },
      queues: [q],
      refreshMs: REFRESH_MS,
      metricsPort: 0,
    });
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await dashboard?.close();
    await queue?.close();
  });

  it('1,000 added → 1,000 waiting within a scrape; drained → 0', async () => {
    const { metric } = recipeQuery();
    expect(metric).toBe('sharq_queue_waiting');
    expect(await query(metric)).toBe(0);

    await queue.addBulk(Array.from({ length: 1_000 }, (_, n) => ({ name: 'backlog', data: { n } })));
    // A scrape reuses the queue's snapshot for at most refreshMs / 2: the next one after that reads the broker.
    await new Promise((resolve) => setTimeout(resolve, REFRESH_MS));
    expect(await query(metric)).toBe(1_000);
    const partitions = parseSamples((await call(dashboard.metricsUrl as string, '/metrics')).text).filter(
      (s) => s.name === 'sharq_queue_partition_lag' && s.labels.queue === q,
    );
    expect(partitions).toHaveLength(3);
    expect(partitions.reduce((sum, s) => sum + s.value, 0)).toBe(1_000);

    for (let i = 0; i < 2; i++) {
      workers.push(
        new Worker<{ n: number }>(q, async () => 'ok', { connection: { brokers }, concurrency: 20 }),
      );
    }
    const drained = async () =>
      (await query(metric)) === 0 && (await query('sharq_queue_active')) === 0 ? true : undefined;
    expect(await until(drained, 90_000, 'waiting and active back to 0')).toBe(true);
  });
});
