import type { DeadJob } from '@sharq/core';
import { describe, expect, it } from 'vitest';
import { toDeadJobJson } from '../../src/dlq/dead-job-json.js';

function deadJob(overrides: Partial<DeadJob>): DeadJob {
  return {
    id: '0:7',
    by: 'worker',
    reason: 'malformed',
    jobId: undefined,
    name: undefined,
    data: undefined,
    envelope: undefined,
    decodeError: 'not JSON',
    error: { message: 'not JSON' },
    attempts: undefined,
    workerId: 'w1',
    failedAt: 1_700_000_000_000,
    original: { topic: 'sharq.q', partition: 0, offset: 7 },
    dlq: { topic: 'dlq.sharq.q', partition: 0, offset: 0, timestamp: 1_700_000_000_000 },
    state: 'dead',
    value: Buffer.from('{oops'),
    ...overrides,
  };
}

describe('toDeadJobJson', () => {
  it('gives an undecodable value as base64, never as a serialised Buffer', () => {
    const json = JSON.parse(JSON.stringify(toDeadJobJson(deadJob({}))));
    expect(json.rawValueBase64).toBe(Buffer.from('{oops').toString('base64'));
    expect(json).not.toHaveProperty('value');
    expect(JSON.stringify(json)).not.toContain('"type":"Buffer"');
  });

  it('leaves the raw value out when the envelope decoded', () => {
    const envelope = { v: 1, name: 'welcome', data: { to: 'a@b.c' } } as unknown as DeadJob['envelope'];
    const json = toDeadJobJson(deadJob({ envelope, reason: 'failed', decodeError: undefined }));
    expect(json).not.toHaveProperty('rawValueBase64');
    expect(json).not.toHaveProperty('value');
    expect(json.envelope).toBe(envelope);
  });

  it('has nothing to give for a dead job without a value', () => {
    expect(toDeadJobJson(deadJob({ value: null }))).not.toHaveProperty('rawValueBase64');
  });
});
