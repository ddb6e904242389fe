import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import { parseKafkaOptions } from '../../src/kafka/options.js';

function failure(input: unknown): ValidationError {
  try {
    parseKafkaOptions(input);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('parseKafkaOptions', () => {
  it('fills defaults and freezes the result', () => {
    const o = parseKafkaOptions({ brokers: ['localhost:9092'] });
    expect(o).toMatchObject({
      brokers: ['localhost:9092'],
      clientId: 'sharq',
      ssl: false,
      sasl: undefined,
      requestTimeoutMs: 30_000,
      connectTimeoutMs: 10_000,
    });
    expect(Object.isFrozen(o)).toBe(true);
    expect(Object.isFrozen(o.brokers)).toBe(true);
  });

  it('accepts sasl, tls options and IPv6 brokers', () => {
    const o = parseKafkaOptions({
      brokers: ['[::1]:9093', 'kafka-1.internal:9093'],
      ssl: { rejectUnauthorized: false },
      sasl: { mechanism: 'scram-sha-512', username: 'u', password: 'p' },
    });
    expect(o.sasl?.mechanism).toBe('scram-sha-512');
    expect(o.ssl).toEqual({ rejectUnauthorized: false });
  });

  it('names the offending broker by index', () => {
    const e = failure({ brokers: ['localhost:9092', 'no-port'] });
    expect(e.path).toBe('kafka.brokers[1]');
    expect(e.message).toBe('kafka.brokers[1]: broker must be host:port');
  });

  it('rejects an empty broker list', () => {
    expect(failure({ brokers: [] }).path).toBe('kafka.brokers');
  });

  it('rejects an unknown SASL mechanism', () => {
    expect(
      failure({ brokers: ['a:1'], sasl: { mechanism: 'gssapi', username: 'u', password: 'p' } }).path,
    ).toBe('kafka.sasl.mechanism');
  });

  it('rejects unknown keys (typos must not be silently ignored)', () => {
    expect(failure({ brokers: ['a:1'], requestTimeout: 5 }).message).toMatch(/requestTimeout/);
  });

  it('rejects a non-positive timeout and a port out of range', () => {
    expect(failure({ brokers: ['a:1'], requestTimeoutMs: 0 }).path).toBe('kafka.requestTimeoutMs');
    expect(failure({ brokers: ['a:70000'] }).path).toBe('kafka.brokers[0]');
  });
});
