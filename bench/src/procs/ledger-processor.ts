/**
 * The processor `sharq worker` runs in the e2e scenario's CLI row (it loads this module in its processor
 * threads): an I/O-bound job that awaits its `ms`, then appends "<index> <start epoch ms>" to the ledger
 * file named by SHARQ_BENCH_LEDGER, so the scenario counts completions from outside the worker process and
 * times the run from the first start (the CLI's own start-up is not part of it).
 */
import { appendFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchJobData } from './protocol.js';

export default async function process(job: { data: BenchJobData }): Promise<void> {
  const startedAt = Date.now();
  if (job.data.ms) await sleep(job.data.ms);
  appendFileSync(globalThis.process.env.SHARQ_BENCH_LEDGER ?? '/dev/null', `${job.data.i} ${startedAt}\n`);
}
