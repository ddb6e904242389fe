import { describe, expect, it } from 'vitest';
import { KafkaProtocolError } from '../../src/client/errors.js';
import { ConnectionError, SharqError } from '../../src/errors.js';
import { fromKafkajs } from '../../src/kafka/kafkajs-errors.js';

const fallback = (m: string) => new SharqError('KAFKA_ADMIN', m);

describe('fromKafkajs', () => {
  it('maps a broker error named by kafkajs to the KafkaProtocolError of that code', () => {
    const error = Object.assign(new Error('too big'), {
      name: 'KafkaJSProtocolError',
      type: 'MESSAGE_TOO_LARGE',
    });
    const mapped = fromKafkajs(error, 'produce', fallback);
    expect(mapped).toBeInstanceOf(KafkaProtocolError);
    expect(mapped.code).toBe('MESSAGE_TOO_LARGE');
    expect(mapped.message).toContain('produce: too big');
    expect(mapped.cause).toBe(error);
  });

  it('unwraps retries-exceeded to the last underlying error', () => {
    const inner = Object.assign(new Error('gone'), {
      name: 'KafkaJSProtocolError',
      type: 'UNKNOWN_TOPIC_OR_PARTITION',
    });
    const outer = Object.assign(new Error('retries'), {
      name: 'KafkaJSNumberOfRetriesExceeded',
      originalError: inner,
    });
    expect(fromKafkajs(outer, 'produce', fallback).code).toBe('UNKNOWN_TOPIC_OR_PARTITION');
  });

  it('maps lost connections to ConnectionError and anything else to the fallback', () => {
    const conn = Object.assign(new Error('ECONNREFUSED'), { name: 'KafkaJSConnectionError' });
    expect(fromKafkajs(conn, 'admin', fallback)).toBeInstanceOf(ConnectionError);
    expect(fromKafkajs(new Error('odd'), 'admin', fallback).code).toBe('KAFKA_ADMIN');
    expect(fromKafkajs('a string', 'admin', fallback).message).toBe('admin: a string');
  });

  it('passes our own errors through untouched', () => {
    const ours = new SharqError('UNKNOWN', 'y');
    expect(fromKafkajs(ours, 'c', fallback)).toBe(ours);
  });
});
