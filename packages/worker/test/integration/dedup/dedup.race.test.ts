import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually, kafkaQueue, sleep } from '../../helpers/kafka.js';
import { onLines } from '../../helpers/child-lines.js';

const packageDir = fileURLToPath(new URL('../../..', import.meta.url));
const producerScript = fileURLToPath(new URL('../fixtures/dedup-producer.mjs', import.meta.url));
const PRODUCERS = 4;
const IDS = 1_000;

let current: ReturnType<typeof kafkaQueue> | undefined;
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await current?.close();
  current = undefined;
});

beforeAll(() => {
  if (!existsSync(`${packageDir}/dist/index.js`)) {
    execFileSync('npx', ['tsc', '-p', `${packageDir}/tsconfig.json`], { stdio: 'inherit' });
  }
});

describe('Deduplication on Kafka: producers racing on the same ids', () => {
  it(`${PRODUCERS} producer processes add the same ${IDS} jobIds at once → ${IDS} jobs, each runs once`, {
    timeout: 180_000,
  }, async () => {
    const q = kafkaQueue({ lockDurationMs: 10_000 });
    current = q;
    const ready = new Set<number>();
    const reports: { tag: string; won: string[]; resolved: number }[] = [];
    for (let p = 0; p < PRODUCERS; p++) {
      const child = spawn(
        process.execPath,
        [producerScript, q.name, q.connection.brokers.join(','), `p${p}`, String(IDS)],
        {
          cwd: packageDir,
          stdio: ['pipe', 'pipe', 'inherit'],
        },
      );
      children.push(child);
      onLines(child.stdout, (line) => {
        if (line === 'ready') ready.add(p);
        if (line.startsWith('done ')) reports.push(JSON.parse(line.slice(5)));
      });
    }
    await eventually(() => (ready.size === PRODUCERS ? true : undefined), 60_000);
    for (const child of children) child.stdin?.write('go\n');
    await eventually(() => (reports.length === PRODUCERS ? true : undefined), 90_000);

    // Every producer resolved every id; the enqueued ones partition the ids (one winner per id).
    for (const report of reports) expect(report.resolved).toBe(IDS);
    const winners = reports.flatMap((r) => r.won);
    expect(winners).toHaveLength(IDS);
    expect(new Set(winners).size).toBe(IDS);
    console.log(`winners per producer: ${reports.map((r) => `${r.tag}=${r.won.length}`).join(' ')}`);
    // The producers really raced (else this case would prove nothing about concurrent claims).
    expect(reports.filter((r) => r.won.length > 0).length).toBeGreaterThanOrEqual(2);

    // Then run them: each id once; a redelivery (deliveryCount > 1) is counted apart, as at-least-once.
    const runs = new Map<string, number>();
    let redeliveries = 0;
    q.worker(
      async (job) => {
        if (job.name === 'warm-up') return;
        if (job.deliveryCount > 1) redeliveries++;
        runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
      },
      { concurrency: 50 },
    );
    await eventually(() => (runs.size === IDS ? true : undefined), 90_000);
    await sleep(2_000); // a duplicate enqueued by the race would have run by now
    const extra = [...runs.values()].reduce((sum, n) => sum + n, 0) - IDS;
    console.log(`runs: ${IDS} ids, extra runs ${extra}, of which redeliveries ${redeliveries}`);
    expect(extra - redeliveries).toBe(0);
    const counts = await q.queue.getCounts();
    expect(counts.waiting).toBe(0);
  });
});
