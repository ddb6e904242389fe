/**
 * Records of the deduplication topic, key = the claim key (`job:<jobId>` or `dedup:<id>`):
 *
 *   claim    { t: 'claim', token, at, ttl?, envelope }   "I am adding this job for this key"
 *   release  { t: 'release', token }                     the job of claim `token` finished (worker), or
 *            { t: 'release', token: '*' }                any live claim of the key is dropped
 *                                                        (Queue.removeDeduplicationKey)
 *
 * A claim carries the whole envelope so a losing add resolves to the job that won, not a guess.
 */
import type { OutgoingRecord, StoredRecord } from '../../engine/engine.js';
import type { JobEnvelope } from '../envelope.js';

export const RELEASE_ANY = '*';

export interface ClaimRecord {
  t: 'claim';
  key: string;
  token: string;
  /** Producer's clock, ms: the claim's start for ttl and max age. */
  at: number;
  ttl?: number;
  envelope: JobEnvelope;
}

export interface ReleaseRecord {
  t: 'release';
  key: string;
  token: string;
}

export type DedupRecord = ClaimRecord | ReleaseRecord;

export function claimKey(kind: 'job' | 'dedup', id: string): string {
  return `${kind}:${id}`;
}

/** The id a claim key was made from (`deduplication.id` or jobId): claimKey's inverse. */
export function claimId(key: string): string {
  return key.slice(key.indexOf(':') + 1);
}

export function encodeDedupRecord(record: DedupRecord): OutgoingRecord {
  const { key, ...value } = record;
  return { key, value: JSON.stringify(value) };
}

/** undefined for anything that is not one of ours (skipped, never fatal: the log is shared). */
export function decodeDedupRecord(record: StoredRecord): DedupRecord | undefined {
  const key = record.key?.toString('utf8');
  if (!key || !record.value) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(record.value.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.token !== 'string') return undefined;
  if (v.t === 'release') return { t: 'release', key, token: v.token };
  if (v.t !== 'claim' || typeof v.at !== 'number' || typeof v.envelope !== 'object' || v.envelope === null)
    return undefined;
  const claim: ClaimRecord = {
    t: 'claim',
    key,
    token: v.token,
    at: v.at,
    envelope: v.envelope as JobEnvelope,
  };
  if (typeof v.ttl === 'number') claim.ttl = v.ttl;
  return claim;
}
