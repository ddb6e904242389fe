/**
 * The processor the fault scenarios run (also loaded by `sharq worker` as a processor module): waits
 * `data.sleepMs` (default SHARQ_FAULTS_SLEEP_MS), then appends the job id to the ledger named by
 * SHARQ_FAULTS_LEDGER. The append is the job's side effect: a job in the ledger has been processed.
 */
import type { Job } from '@sharq/core';
import { appendCompletion } from '../ledger/ledger.js';

export const LEDGER_ENV = 'SHARQ_FAULTS_LEDGER';
export const SLEEP_ENV = 'SHARQ_FAULTS_SLEEP_MS';
export const TAG_ENV = 'SHARQ_FAULTS_TAG';
/** Sleep of a redelivered job (deliveryCount > 1), when set: keeps a redelivered record in flight longer. */
export const REDELIVERY_SLEEP_ENV = 'SHARQ_FAULTS_REDELIVERY_SLEEP_MS';

interface LedgerJobData {
  sleepMs?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export default async function ledgerProcessor(job: Job): Promise<string> {
  const ledger = process.env[LEDGER_ENV];
  if (!ledger) throw new Error(`${LEDGER_ENV} is not set`);
  const data = (job.data ?? {}) as LedgerJobData;
  const redeliverySleep = process.env[REDELIVERY_SLEEP_ENV];
  const sleepMs =
    job.deliveryCount > 1 && redeliverySleep !== undefined
      ? Number(redeliverySleep)
      : typeof data.sleepMs === 'number'
        ? data.sleepMs
        : Number(process.env[SLEEP_ENV] ?? 0);
  if (sleepMs > 0) await sleep(sleepMs);
  appendCompletion(ledger, job.id, process.env[TAG_ENV] ?? String(process.pid));
  return job.id;
}
