import { describe, expect, it } from 'vitest';
import { decodeEnvelope, encodeEnvelope, type JobEnvelope } from '../../src/job/index.js';

const envelope: JobEnvelope = {
  v: 1,
  id: 'job-1',
  name: 'welcome',
  data: { to: 'a@b.c', n: [1, 2, { deep: true }] },
  opts: {
    attempts: 3,
    backoff: { type: 'exponential', delay: 100, jitter: 0.5, maxDelay: 5000 },
    timeout: 60_000,
  },
  attemptsMade: 2,
  ts: 1_700_000_000_000,
  dueAt: 1_700_000_001_000,
  replay: { from: '0:12', at: 1_700_000_002_000, token: '0:12:abc', count: 1 },
};

const decode = (value: Buffer | string | null) =>
  decodeEnvelope({ value: value === null ? null : Buffer.from(value) });

describe('job envelope', () => {
  it('round-trips every field, key = job id, replay token in a header', () => {
    const record = encodeEnvelope(envelope);
    expect(record.key).toBe('job-1');
    expect(record.headers).toEqual({ 'sharq-replay': '0:12:abc' });
    expect(decode(record.value as Buffer)).toEqual({ ok: true, envelope });
  });

  it('round-trips a minimal envelope without optional fields', () => {
    const minimal: JobEnvelope = {
      v: 1,
      id: 'x',
      name: '',
      data: null,
      opts: { attempts: 1 },
      attemptsMade: 0,
      ts: 1,
    };
    const record = encodeEnvelope(minimal);
    expect(record.headers).toBeUndefined();
    expect(decode(record.value as Buffer)).toEqual({ ok: true, envelope: minimal });
  });

  it('keeps fields it does not know, and drops a malformed optional field instead of failing the job', () => {
    const value =
      '{"v":1,"id":"a","name":"n","data":1,"attemptsMade":0,"ts":1,"future":true,' +
      '"opts":{"attempts":2,"hint":"x","backoff":{"type":"fixed","delay":5,"jitter":7,"maxDelay":0},' +
      '"dedup":{"key":"k","token":"t","ttl":-1}},"replay":{"from":"0:1","at":2,"token":"r","count":0}}';
    expect(decode(value)).toEqual({
      ok: true,
      envelope: {
        v: 1,
        id: 'a',
        name: 'n',
        data: 1,
        attemptsMade: 0,
        ts: 1,
        future: true,
        opts: {
          attempts: 2,
          hint: 'x',
          backoff: { type: 'fixed', delay: 5 },
          dedup: { key: 'k', token: 't' },
        },
        replay: { from: '0:1', at: 2, token: 'r', count: 1 },
      },
    });
  });

  it.each([
    [null, 'empty record value'],
    ['', 'empty record value'],
    ['{not json', 'value is not JSON'],
    ['[1,2]', 'value is not a JSON object'],
    ['"str"', 'value is not a JSON object'],
    ['{"v":2,"id":"a"}', 'unsupported envelope version 2'],
    ['{"id":"a"}', 'unsupported envelope version undefined'],
    [
      '{"v":1,"id":"","name":"n","attemptsMade":0,"ts":1,"opts":{"attempts":1}}',
      'id must be a non-empty string',
    ],
    ['{"v":1,"id":"a","name":5,"attemptsMade":0,"ts":1,"opts":{"attempts":1}}', 'name must be a string'],
    [
      '{"v":1,"id":"a","name":"n","attemptsMade":-1,"ts":1,"opts":{"attempts":1}}',
      'attemptsMade must be an integer >= 0',
    ],
    ['{"v":1,"id":"a","name":"n","attemptsMade":0,"ts":"x","opts":{"attempts":1}}', 'ts must be a number'],
    ['{"v":1,"id":"a","name":"n","attemptsMade":0,"ts":1}', 'opts must be an object'],
    [
      '{"v":1,"id":"a","name":"n","attemptsMade":0,"ts":1,"opts":{"attempts":0}}',
      'opts.attempts must be an integer >= 1',
    ],
    [
      '{"v":1,"id":"a","name":"n","attemptsMade":0,"ts":1,"opts":{"attempts":1,"backoff":{"type":"fixed"}}}',
      'opts.backoff must be { type: string, delay: integer >= 0 }',
    ],
    [
      '{"v":1,"id":"a","name":"n","attemptsMade":0,"ts":1,"opts":{"attempts":1},"replay":{"from":1}}',
      'replay must be { from, at, token, count }',
    ],
  ])('rejects %j: %s', (value, reason) => {
    expect(decode(value)).toEqual({ ok: false, reason });
  });

  it('survives arbitrary bytes without throwing', () => {
    for (let i = 0; i < 200; i++) {
      const bytes = Buffer.from(Array.from({ length: i % 40 }, (_, j) => (i * 31 + j * 7) % 256));
      const result = decodeEnvelope({ value: bytes });
      expect(result.ok).toBe(false);
    }
  });
});
