/**
 * DedupBook: the verdicts of the deduplication log, applied in offset order (a pure fold, no I/O).
 *
 * A claim wins when its key has no live winner at the claim's time; otherwise it loses to that winner.
 * A winner stays live until a release names its token (or '*'), until `at + ttl` when it has a ttl,
 * and never past `at + MAX_CLAIM_AGE_MS`. Every reader folds the same log in the same order, so every
 * process reaches the same verdict for every claim, however the adds raced.
 *
 * Memory: one entry per live winner, plus the verdicts of claims this process is waiting for.
 */
import type { JobEnvelope } from '../envelope.js';
import type { ClaimRecord, DedupRecord } from './dedup-records.js';
import { RELEASE_ANY } from './dedup-records.js';
import { MAX_CLAIM_AGE_MS } from './dedup-topic.js';

export type ClaimVerdict = { won: true } | { won: false; existing: JobEnvelope };

export class DedupBook {
  readonly #winners = new Map<string, ClaimRecord>();
  /** Tokens whose verdict someone awaits → the verdict once their claim was read. */
  readonly #awaited = new Map<string, ClaimVerdict | undefined>();
  #lastOffset = -1;

  get lastOffset(): number {
    return this.#lastOffset;
  }

  /** Remember the verdict of this claim when it is read (call before producing it). */
  await(token: string): void {
    this.#awaited.set(token, undefined);
  }

  /** The verdict of an awaited claim, once read; forgets it. */
  take(token: string): ClaimVerdict | undefined {
    const verdict = this.#awaited.get(token);
    if (verdict !== undefined) this.#awaited.delete(token);
    return verdict;
  }

  forget(token: string): void {
    this.#awaited.delete(token);
  }

  /** The live winner of a key at `now`, if any. */
  winner(key: string, now: number): ClaimRecord | undefined {
    const winner = this.#winners.get(key);
    if (!winner) return undefined;
    if (isLive(winner, now)) return winner;
    this.#winners.delete(key);
    return undefined;
  }

  apply(offset: number, record: DedupRecord | undefined): void {
    if (offset <= this.#lastOffset) return;
    this.#lastOffset = offset;
    if (!record) return;
    if (record.t === 'release') {
      const winner = this.#winners.get(record.key);
      if (winner && (record.token === RELEASE_ANY || record.token === winner.token))
        this.#winners.delete(record.key);
      return;
    }
    const current = this.winner(record.key, record.at);
    const verdict: ClaimVerdict = current ? { won: false, existing: current.envelope } : { won: true };
    if (!current) this.#winners.set(record.key, record);
    if (this.#awaited.has(record.token)) this.#awaited.set(record.token, verdict);
  }
}

function isLive(claim: ClaimRecord, now: number): boolean {
  if (now >= claim.at + MAX_CLAIM_AGE_MS) return false;
  return claim.ttl === undefined || now < claim.at + claim.ttl;
}
