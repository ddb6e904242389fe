import { describe, expect, it } from 'vitest';
import { type ClaimRecord, DedupBook, MAX_CLAIM_AGE_MS, RELEASE_ANY } from '../../../src/index.js';
import type { JobEnvelope } from '../../../src/job/envelope.js';

const envelope = (id: string): JobEnvelope => ({
  v: 1,
  id,
  name: 'n',
  data: { id },
  opts: { attempts: 1 },
  attemptsMade: 0,
  ts: 0,
});
const claim = (key: string, token: string, at: number, ttl?: number): ClaimRecord => ({
  t: 'claim',
  key,
  token,
  at,
  ...(ttl !== undefined ? { ttl } : {}),
  envelope: envelope(`job-${token}`),
});

function fold(records: (ClaimRecord | { t: 'release'; key: string; token: string })[], awaited: string[]) {
  const book = new DedupBook();
  for (const token of awaited) book.await(token);
  for (const [offset, record] of records.entries()) book.apply(offset, record);
  return Object.fromEntries(awaited.map((token) => [token, book.take(token)]));
}

describe('DedupBook: verdicts by log order', () => {
  it('the first claim of a key wins; later ones resolve to its job', () => {
    const v = fold(
      [claim('job:a', 't1', 10), claim('job:a', 't2', 5), claim('job:b', 't3', 10)],
      ['t1', 't2', 't3'],
    );
    expect(v.t1).toEqual({ won: true });
    // t2's clock is earlier, but the log says it came second: log order decides.
    expect(v.t2).toMatchObject({ won: false, existing: { id: 'job-t1' } });
    expect(v.t3).toEqual({ won: true });
  });

  it("a release of the winner's token frees the key; a stale token does not", () => {
    const v = fold(
      [
        claim('job:a', 't1', 10),
        { t: 'release', key: 'job:a', token: 'other' },
        claim('job:a', 't2', 20),
        { t: 'release', key: 'job:a', token: 't1' },
        claim('job:a', 't3', 30),
      ],
      ['t2', 't3'],
    );
    expect(v.t2).toMatchObject({ won: false, existing: { id: 'job-t1' } });
    expect(v.t3).toEqual({ won: true });
  });

  it("a release of '*' frees whatever claim holds the key", () => {
    const v = fold(
      [
        claim('dedup:x', 't1', 10),
        { t: 'release', key: 'dedup:x', token: RELEASE_ANY },
        claim('dedup:x', 't2', 11),
      ],
      ['t2'],
    );
    expect(v.t2).toEqual({ won: true });
  });

  it('a ttl claim holds the key for ttl ms from its add, measured at the next claim', () => {
    const v = fold(
      [claim('dedup:x', 't1', 1_000, 500), claim('dedup:x', 't2', 1_499), claim('dedup:x', 't3', 1_500)],
      ['t2', 't3'],
    );
    expect(v.t2).toMatchObject({ won: false, existing: { id: 'job-t1' } });
    expect(v.t3).toEqual({ won: true });
  });

  it('no claim outlives the 7-day cap, released or not', () => {
    const v = fold(
      [
        claim('job:a', 't1', 0),
        claim('job:a', 't2', MAX_CLAIM_AGE_MS - 1),
        claim('job:a', 't3', MAX_CLAIM_AGE_MS),
      ],
      ['t2', 't3'],
    );
    expect(v.t2).toMatchObject({ won: false });
    expect(v.t3).toEqual({ won: true });
  });

  it('records at or below the last applied offset are ignored (a tail re-delivering is harmless)', () => {
    const book = new DedupBook();
    book.await('t2');
    book.apply(0, claim('job:a', 't1', 1));
    book.apply(1, { t: 'release', key: 'job:a', token: 't1' });
    book.apply(0, claim('job:a', 't1', 1));
    book.apply(2, claim('job:a', 't2', 2));
    expect(book.take('t2')).toEqual({ won: true });
    expect(book.lastOffset).toBe(2);
  });
});
