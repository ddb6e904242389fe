import type { DeadJob } from '@sharq/core';

/**
 * A dead job as `sharq dlq list --json` and `sharq dlq show` print it: every DeadJob field except the raw
 * `value` Buffer, which JSON.stringify would spell out byte by byte. The raw value is only interesting
 * when it did not decode as a job envelope (malformed records, broker records without a copy); then it
 * is given as base64 in `rawValueBase64`.
 */
export type DeadJobJson = Omit<DeadJob, 'value'> & { rawValueBase64?: string };

export function toDeadJobJson(job: DeadJob): DeadJobJson {
  const { value, ...shown } = job;
  if (job.envelope !== undefined || value === null) return shown;
  return { ...shown, rawValueBase64: value.toString('base64') };
}
