/**
 * `node bench/dist/summary.js [--quick]`: prints the latest results of every scenario (bench/results/*.json)
 * as markdown, with machine, load, versions and the command, ready to paste into bench/README.md.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isNoisy, NOISY_LOAD1 } from './report/noisy.js';
import { renderTable, type Table } from './report/table.js';
import { SCENARIOS } from './scenarios/index.js';

interface Saved {
  scenario: string;
  title: string;
  startedAt: string;
  seconds: number;
  loadBefore: number[];
  loadAfter: number[];
  /** Absent in results written before the noisy marking: derived from loadBefore then. */
  noisy?: boolean;
  machine: { cores: number; memoryGiB: number; node: string; kafka: string; cpuModel: string };
  redis: string;
  commit: string;
  command: string;
  versions: Record<string, string>;
  tables: Table[];
  notes: string[];
  charts: string[];
}

const dir = fileURLToPath(new URL('../results', import.meta.url));
const quick = process.argv.includes('--quick');
SCENARIOS.forEach((scenario, index) => {
  const file = `${dir}/${scenario.id}${quick ? '-quick' : ''}.json`;
  if (!existsSync(file)) {
    console.log(`### ${index + 1}. ${scenario.title}\n\nNot run yet.\n`);
    return;
  }
  const r = JSON.parse(readFileSync(file, 'utf8')) as Saved;
  const noisy = r.noisy ?? isNoisy(r.loadBefore[0] ?? 0);
  const versions = Object.entries(r.versions)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  console.log(`### ${index + 1}. ${r.title}\n`);
  console.log(
    `\`${r.command}\` — ${r.startedAt}, commit ${r.commit}, ${r.machine.cores} cores / ${r.machine.memoryGiB} GiB, ` +
      `node ${r.machine.node}, Kafka ${r.machine.kafka}, Redis ${r.redis}${versions ? `, ${versions}` : ''}; ` +
      `load average ${r.loadBefore[0]} → ${r.loadAfter[0]}${noisy ? ` — **noisy** (load1 above ${NOISY_LOAD1} at start: not evidence for or against a goal)` : ''}, ${Math.round(r.seconds)} s.\n`,
  );
  for (const table of r.tables) console.log(`${renderTable(table)}\n`);
  for (const note of r.notes) console.log(`- ${note}`);
  console.log('');
  for (const chart of r.charts) {
    const name = chart.slice(chart.lastIndexOf('/') + 1);
    console.log(`![${name}](charts/${name})`);
  }
  console.log('');
});
