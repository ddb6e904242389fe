import { ValidationError } from '@sharq/core';
import { describe, expect, it } from 'vitest';
import { compileDashboardOptions } from '../src/options.js';

describe('dashboard options', () => {
  it('defaults to loopback, a free port, 60 s stuck threshold and a 64 KiB body limit', () => {
    const options = compileDashboardOptions({ connection: { brokers: ['127.0.0.1:9092'] } });
    expect(options).toMatchObject({
      host: '127.0.0.1',
      port: 0,
      readOnly: false,
      stuckAfterMs: 60_000,
      bodyLimitBytes: 65_536,
      prefix: 'sharq',
    });
    expect(Object.isFrozen(options)).toBe(true);
  });

  it('names the offending field', () => {
    expect(() => compileDashboardOptions({ connection: { brokers: [] } })).toThrow(/connection/);
    expect(() => compileDashboardOptions({ connection: { brokers: ['h:1'] }, queues: ['bad.name'] })).toThrow(
      /queues\[0\]/,
    );
    expect(() => compileDashboardOptions({ connection: { brokers: ['h:1'] }, token: 'short' })).toThrow(
      ValidationError,
    );
    expect(() => compileDashboardOptions({ connection: { brokers: ['h:1'] }, bogus: 1 })).toThrow(
      /bogus|Unrecognized/,
    );
  });
});
