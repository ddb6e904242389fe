import { describe, expect, it } from 'vitest';
import { TestkitError } from '../../src/errors.js';
import { splitHostPort } from '../../src/kafka/broker-address.js';

describe('splitHostPort', () => {
  it('splits host:port, unwrapping a bracketed IPv6 host', () => {
    expect(splitHostPort('127.0.0.1:39092')).toEqual({ host: '127.0.0.1', port: 39092 });
    expect(splitHostPort('[::1]:9092')).toEqual({ host: '::1', port: 9092 });
  });

  it('rejects addresses without a usable port', () => {
    for (const bad of ['localhost', ':9092', 'h:0', 'h:x', 'h:70000']) {
      expect(() => splitHostPort(bad)).toThrow(TestkitError);
    }
  });
});
