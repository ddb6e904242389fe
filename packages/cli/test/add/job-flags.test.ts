import { describe, expect, it } from 'vitest';
import { jobOptionsFromFlags, parseBackoff } from '../../src/add/job-flags.js';

describe('parseBackoff', () => {
  it('accepts a bare number as fixed and the named kinds', () => {
    expect(parseBackoff('250')).toEqual({ type: 'fixed', delay: 250 });
    expect(parseBackoff('exponential:100')).toEqual({ type: 'exponential', delay: 100 });
    expect(parseBackoff('jitter:50')).toEqual({ type: 'jitter', delay: 50 });
  });

  it('rejects anything else with a usage error naming the flag', () => {
    expect(() => parseBackoff('linear:5')).toThrowError(/--backoff/);
    expect(() => parseBackoff('-1')).toThrowError(expect.objectContaining({ code: 'USAGE' }));
  });

  it('maps only the flags that were given', () => {
    expect(jobOptionsFromFlags({ attempts: 3 })).toEqual({ attempts: 3 });
    expect(jobOptionsFromFlags({ delay: 10, backoff: '5', timeout: 100 })).toEqual({
      delay: 10,
      timeout: 100,
      backoff: { type: 'fixed', delay: 5 },
    });
    expect(jobOptionsFromFlags({ orderingKey: 'customer-7' })).toEqual({ orderingKey: 'customer-7' });
  });
});
