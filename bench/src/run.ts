/**
 * `npm run bench -- <scenario|all> [--quick]`: runs scenarios one after another, prints markdown tables,
 * writes bench/results/<scenario>.json and PNG charts. Exits non-zero if a scenario crashed or lost jobs
 * (never for slow numbers), so `bench:quick` can guard CI against rot.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ensureRedis, testRedisUrl } from '@sharq/testkit';
import { loadAverage, machineInfo } from './env/machine.js';
import { redisVersion } from './env/services.js';
import { BenchError } from './errors.js';
import { renderCharts } from './report/chart.js';
import { isNoisy, NOISY_LOAD1 } from './report/noisy.js';
import { renderTable } from './report/table.js';
import type { Scenario, ScenarioContext } from './scenario.js';
import { SCENARIOS } from './scenarios/index.js';

const RESULTS_DIR = fileURLToPath(new URL('../results', import.meta.url));

function usage(): string {
  return `usage: npm run bench -- <${SCENARIOS.map((s) => s.id).join('|')}|all> [--quick]`;
}

function parseArgs(argv: string[]): { scenarios: Scenario[]; quick: boolean } {
  const quick = argv.includes('--quick');
  const names = argv.filter((a) => !a.startsWith('--'));
  if (names.length === 0) throw new BenchError('USAGE', usage());
  const picked: Scenario[] = [];
  for (const name of names) {
    if (name === 'all') picked.push(...SCENARIOS);
    else {
      const found = SCENARIOS.find((s) => s.id === name || String(SCENARIOS.indexOf(s) + 1) === name);
      if (!found) throw new BenchError('USAGE', `unknown scenario ${JSON.stringify(name)}\n${usage()}`);
      picked.push(found);
    }
  }
  return { scenarios: picked, quick };
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<number> {
  const { scenarios, quick } = parseArgs(process.argv.slice(2));
  // The local Redis (SHARQ_REDIS_URL or 127.0.0.1:6379); started for this run if nothing answers (CI).
  const redis = await ensureRedis({ url: process.env.REDIS_URL ?? testRedisUrl() });
  try {
    return await runAll(scenarios, quick, redis.url);
  } finally {
    await redis.stop();
  }
}

async function runAll(scenarios: Scenario[], quick: boolean, redisUrl: string): Promise<number> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const machine = machineInfo();
  const common = {
    machine,
    redis: await redisVersion(redisUrl),
    commit: gitCommit(),
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`,
  };
  console.log(
    `# Sharq bench${quick ? ' (quick)' : ''}: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, ` +
      `node ${machine.node}, Kafka ${machine.kafka}, Redis ${common.redis}, commit ${common.commit}, load ${loadAverage().join(' ')}`,
  );
  let failed = 0;
  for (const scenario of scenarios) {
    const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
    const startedAt = new Date().toISOString();
    const loadBefore = loadAverage();
    const t0 = performance.now();
    const warnings: string[] = [];
    const ctx: ScenarioContext = {
      warn: (line) => {
        warnings.push(line);
        console.log(`  [${scenario.id}] warning: ${line}`);
      },
      quick,
      runId,
      redisUrl,
      log: (line) =>
        console.log(`  [${scenario.id} ${((performance.now() - t0) / 1000).toFixed(1)}s] ${line}`),
    };
    console.log(`\n## ${scenario.id}: ${scenario.title}${quick ? ' (quick)' : ''}\n`);
    try {
      const result = await scenario.run(ctx);
      const loadAfter = loadAverage();
      const seconds = (performance.now() - t0) / 1000;
      for (const table of result.tables) console.log(`\n${renderTable(table)}`);
      for (const note of result.notes) console.log(`\n> ${note}`);
      if (warnings.length > 0)
        console.log(`\n> ${warnings.length} warning(s) reported by workers that kept going (see the JSON).`);
      console.log(
        `\n> machine: ${machine.cores} cores, ${machine.memoryGiB} GiB; load average before ${loadBefore.join(' ')}${isNoisy(loadBefore[0]) ? ` (noisy: load1 above ${NOISY_LOAD1} at start)` : ''}, after ${loadAfter.join(' ')}` +
          ' (other processes share this machine); scenario took ' +
          `${seconds.toFixed(0)} s`,
      );
      const stem = quick ? `${scenario.id}-quick` : scenario.id;
      const charts = await renderCharts(
        result.charts.map((c) => ({ ...c, file: quick ? `${c.file}-quick` : c.file })),
        RESULTS_DIR,
      ).catch((error: unknown) => {
        console.log(`> chart rendering failed: ${String(error)}`);
        return [] as string[];
      });
      for (const chart of charts) console.log(`> chart: ${chart}`);
      await writeFile(
        `${RESULTS_DIR}/${stem}.json`,
        `${JSON.stringify(
          {
            scenario: scenario.id,
            title: scenario.title,
            quick,
            startedAt,
            seconds,
            loadBefore,
            loadAfter,
            noisy: isNoisy(loadBefore[0]),
            ...common,
            versions: result.versions,
            tables: result.tables,
            notes: result.notes,
            problems: result.problems,
            warnings,
            data: result.data,
            charts,
          },
          null,
          2,
        )}\n`,
      );
      if (result.problems.length > 0) {
        failed++;
        for (const problem of result.problems) console.log(`PROBLEM [${scenario.id}]: ${problem}`);
      }
    } catch (error) {
      failed++;
      console.log(
        `FAILED [${scenario.id}]: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
  }
  console.log(`\nbench: ${scenarios.length - failed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  },
);
