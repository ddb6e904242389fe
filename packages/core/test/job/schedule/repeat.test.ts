import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/errors.js';
import { compileRepeat, dueTicks, latestDueTick, nextTick } from '../../../src/job/schedule/repeat.js';

const at = (iso: string) => Date.parse(iso);

describe('compileRepeat', () => {
  it('accepts every and pattern forms, dates as ms, Date or ISO', () => {
    expect(compileRepeat({ every: 1000 })).toEqual({ every: 1000 });
    expect(compileRepeat({ pattern: '*/5 * * * *', tz: 'Europe/Paris', limit: 3 })).toEqual({
      pattern: '*/5 * * * *',
      tz: 'Europe/Paris',
      limit: 3,
    });
    expect(
      compileRepeat({ every: 10, startDate: new Date(5000), endDate: '1970-01-01T00:00:09.000Z' }),
    ).toEqual({ every: 10, startDate: 5000, endDate: 9000 });
    expect(compileRepeat({ pattern: '0 * * * *' })).toMatchObject({ tz: 'UTC' });
  });

  it.each([
    [{ every: 0 }, 'repeat'],
    [{ every: 1.5 }, 'repeat'],
    [{ pattern: '99 * * * *' }, 'repeat.pattern'],
    [{ pattern: '* * * * *', tz: 'Mars/Olympus' }, 'repeat.pattern'],
    [{ every: 1000, pattern: '* * * * *' }, 'repeat'],
    [{ every: 10, startDate: 5000, endDate: 4000 }, 'repeat.endDate'],
    [{}, 'repeat'],
  ])('refuses %j with a ValidationError at %s', (input, path) => {
    let caught: unknown;
    try {
      compileRepeat(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).path.startsWith(path)).toBe(true);
  });
});

describe('ticks of every', () => {
  it('are epoch-aligned multiples, or startDate + k × every', () => {
    expect(nextTick({ every: 1000 }, 12_345)).toBe(13_000);
    expect(nextTick({ every: 1000 }, 13_000)).toBe(14_000);
    expect(nextTick({ every: 1000, startDate: 10_500 }, 0)).toBe(10_500);
    expect(nextTick({ every: 1000, startDate: 10_500 }, 10_500)).toBe(11_500);
    expect(nextTick({ every: 1000, endDate: 13_999 }, 13_000)).toBeUndefined();
  });

  it('after an outage only the latest missed tick is due, once', () => {
    const repeat = { every: 1000 };
    expect(latestDueTick(repeat, 10_000, 25_300)).toBe(25_000);
    // 25_000 fired: nothing more is due until 26_000.
    expect(latestDueTick(repeat, 25_000, 25_900)).toBeUndefined();
    expect(latestDueTick(repeat, 25_000, 26_000)).toBe(26_000);
    expect(latestDueTick({ every: 1000, endDate: 20_000 }, 10_000, 25_300)).toBe(20_000);
    expect(latestDueTick({ every: 1000, startDate: 30_000 }, 0, 25_300)).toBeUndefined();
  });
});

describe('ticks of a cron pattern with a time zone (manual clock: plain instants)', () => {
  // Asia/Kathmandu is UTC+5:45, so 09:30 there is 03:45 UTC: a zone an offset-blind parser gets wrong.
  const daily = { pattern: '30 9 * * *', tz: 'Asia/Kathmandu' };

  it('next run is in the pattern zone', () => {
    expect(nextTick(daily, at('2026-01-01T00:00:00Z'))).toBe(at('2026-01-01T03:45:00Z'));
    expect(nextTick(daily, at('2026-01-01T03:45:00Z'))).toBe(at('2026-01-02T03:45:00Z'));
  });

  it('a seconds field fires every minute at :00, DST included (Europe/Paris, 29 March 2026)', () => {
    const minutely = { pattern: '0 * * * * *', tz: 'Europe/Paris' };
    expect(nextTick(minutely, at('2026-03-29T00:59:30.500Z'))).toBe(at('2026-03-29T01:00:00Z'));
    const twoAm = { pattern: '0 30 2 * * *', tz: 'Europe/Paris' };
    // 02:30 does not exist in Paris on 29 March 2026 (clocks jump 02:00 → 03:00).
    const next = nextTick(twoAm, at('2026-03-28T12:00:00Z')) as number;
    expect(next).toBeGreaterThan(at('2026-03-28T12:00:00Z'));
    expect(new Date(next).getUTCDate()).not.toBe(28);
  });

  it('latest due tick counts a tick exactly at now, skips older ones', () => {
    expect(latestDueTick(daily, 0, at('2026-01-03T03:45:00Z'))).toBe(at('2026-01-03T03:45:00Z'));
    expect(latestDueTick(daily, at('2026-01-01T00:00:00Z'), at('2026-01-03T04:00:00Z'))).toBe(
      at('2026-01-03T03:45:00Z'),
    );
    expect(latestDueTick(daily, at('2026-01-03T03:45:00Z'), at('2026-01-03T04:00:00Z'))).toBeUndefined();
  });

  it('startDate and endDate bound the pattern', () => {
    const bounded = { ...daily, startDate: at('2026-01-05T00:00:00Z'), endDate: at('2026-01-06T00:00:00Z') };
    expect(nextTick(bounded, at('2026-01-01T00:00:00Z'))).toBe(at('2026-01-05T03:45:00Z'));
    expect(nextTick(bounded, at('2026-01-05T03:45:00Z'))).toBeUndefined();
  });
});

describe('dueTicks', () => {
  const repeat = { every: 500 };

  it('a short gap (a takeover) fires every missed tick, oldest first', () => {
    expect(dueTicks(repeat, 10_000, 12_100, 10_000)).toEqual([10_500, 11_000, 11_500, 12_000]);
    expect(dueTicks(repeat, 10_000, 10_400, 10_000)).toEqual([]);
  });

  it('a gap longer than the catch-up window (a full outage) fires only the latest tick', () => {
    expect(dueTicks(repeat, 10_000, 60_100, 10_000)).toEqual([60_000]);
  });
});
