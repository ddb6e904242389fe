#!/usr/bin/env node
/**
 * `npm run faults -w @sharq/faults -- <scenario...|all> [--quick] [--brokers host:port]`: runs the full
 * (or, with --quick, the CI-sized) fault scenarios and prints each report and a summary table.
 * Exit code 1 when any scenario failed.
 */
import { type LocalKafka, startLocalKafka } from '@sharq/testkit';
import { formatReport, formatTable, type ScenarioReport } from '../harness/report.js';
import { SCENARIOS } from '../scenarios/index.js';

/** Scenarios that start brokers of their own and need no shared one. */
const OWN_BROKER_SCENARIOS = new Set(['broker-restarts', 'leader-failover']);

async function main(argv: string[]): Promise<number> {
  const quick = argv.includes('--quick');
  const brokersAt = argv.indexOf('--brokers');
  const brokers = brokersAt >= 0 ? argv[brokersAt + 1]?.split(',') : undefined;
  const names = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--brokers');
  const selected = names.length === 0 || names.includes('all') ? Object.keys(SCENARIOS) : names;
  const unknown = selected.filter((n) => !(n in SCENARIOS));
  if (unknown.length > 0) {
    process.stderr.write(
      `unknown scenario(s): ${unknown.join(', ')}; known: ${Object.keys(SCENARIOS).join(', ')}\n`,
    );
    return 2;
  }
  // Without --brokers or SHARQ_KAFKA_BROKERS the shared-broker scenarios get a broker of their own.
  let own: LocalKafka | undefined;
  let shared = brokers;
  const ownBrokersOnly = selected.every((n) => OWN_BROKER_SCENARIOS.has(n));
  if (!shared && !process.env.SHARQ_KAFKA_BROKERS && !ownBrokersOnly) {
    own = await startLocalKafka();
    shared = own.brokers;
    process.stdout.write(`started a broker of our own at ${own.bootstrap}\n`);
  }
  try {
    return await runAll(selected, quick, shared);
  } finally {
    await own?.stop();
  }
}

async function runAll(selected: string[], quick: boolean, brokers: string[] | undefined): Promise<number> {
  const reports: ScenarioReport[] = [];
  for (const name of selected) {
    const scenario = SCENARIOS[name];
    if (!scenario) continue;
    process.stdout.write(`\n== ${name}${quick ? ' (quick)' : ''}\n`);
    const log = (line: string) =>
      process.stdout.write(`  [${new Date().toISOString().slice(11, 19)}] ${line}\n`);
    const report = await scenario({ quick, log, ...(brokers ? { brokers } : {}) });
    process.stdout.write(`${formatReport(report)}\n`);
    reports.push(report);
  }
  process.stdout.write(`\n${formatTable(reports)}\n`);
  return reports.every((r) => r.ok) ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `faults: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
