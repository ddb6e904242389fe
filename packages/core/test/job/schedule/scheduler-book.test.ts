import { describe, expect, it } from 'vitest';
import type { OutgoingRecord } from '../../../src/engine/engine.js';
import { SchedulerBook } from '../../../src/job/schedule/scheduler-book.js';
import {
  encodeFired,
  encodeLease,
  encodeScheduler,
  type FiredMarker,
  type LeaseRecord,
  type SchedulerDefinition,
} from '../../../src/job/schedule/scheduler-records.js';

function bookOf(records: OutgoingRecord[]): SchedulerBook {
  const book = new SchedulerBook();
  records.forEach((r, offset) => {
    const key = r.key === null || r.key === undefined ? null : Buffer.from(r.key);
    const value = r.value === null ? null : Buffer.from(r.value);
    book.apply({ key, value, offset });
  });
  return book;
}

const definition = (version: string): SchedulerDefinition => ({
  v: 1,
  id: 's',
  repeat: { every: 1000 },
  template: { name: 'tick', data: null, opts: { attempts: 1 } },
  version,
  upsertedAt: 1000,
});

const fired = (version: string, tick: number): FiredMarker => ({
  v: 1,
  id: 's',
  version,
  state: 'fired',
  tick,
  jobId: `repeat:s:${tick}`,
  count: 1,
  partition: 0,
  scanFrom: 0,
  by: 'w',
  at: tick,
});

const lease = (owner: string, term: number, at: number, until: number): LeaseRecord => ({
  v: 1,
  owner,
  term,
  at,
  until,
});

describe('SchedulerBook', () => {
  it('keeps the latest definition and only the markers of its version', () => {
    const book = bookOf([
      encodeScheduler('s', definition('a')),
      encodeFired('s', fired('a', 2000)),
      encodeScheduler('s', definition('b')),
    ]);
    expect(book.get('s')?.definition.version).toBe('b');
    expect(book.get('s')?.fired).toBeUndefined();
    const again = bookOf([encodeScheduler('s', definition('b')), encodeFired('s', fired('b', 3000))]);
    expect(again.get('s')?.fired?.tick).toBe(3000);
  });

  it('forgets a removed scheduler', () => {
    const book = bookOf([
      encodeScheduler('s', definition('a')),
      encodeScheduler('s', null),
      encodeFired('s', null),
    ]);
    expect(book.get('s')).toBeUndefined();
    expect(book.entries()).toEqual([]);
  });

  it('ignores records applied twice (a tail replaying what a read covered)', () => {
    const book = new SchedulerBook();
    const record = encodeScheduler('s', definition('a'));
    book.apply({ key: Buffer.from(String(record.key)), value: Buffer.from(String(record.value)), offset: 5 });
    book.apply({ key: Buffer.from(String(record.key)), value: null, offset: 5 });
    expect(book.get('s')).toBeDefined();
  });
});

describe('lease by log order', () => {
  it('the first claim of a term wins; a racing claim of the same term is ignored', () => {
    const book = bookOf([encodeLease(lease('a', 1, 0, 2000)), encodeLease(lease('b', 1, 10, 2010))]);
    expect(book.lease?.owner).toBe('a');
  });

  it('renewals extend the lease; a takeover needs term + 1 written after until', () => {
    const early = bookOf([encodeLease(lease('a', 1, 0, 2000)), encodeLease(lease('b', 2, 1999, 4000))]);
    expect(early.lease?.owner).toBe('a');
    const late = bookOf([
      encodeLease(lease('a', 1, 0, 2000)),
      encodeLease(lease('a', 1, 500, 2500)),
      encodeLease(lease('b', 2, 2500, 4500)),
    ]);
    expect(late.lease).toMatchObject({ owner: 'b', term: 2 });
  });

  it("a stale owner's renewal after a takeover does not win the lease back", () => {
    const book = bookOf([
      encodeLease(lease('a', 1, 0, 2000)),
      encodeLease(lease('b', 2, 2100, 4100)),
      encodeLease(lease('a', 1, 2200, 4200)),
      encodeLease(lease('c', 2, 2300, 4300)),
    ]);
    expect(book.lease).toMatchObject({ owner: 'b', term: 2 });
  });
});
