import { describe, expect, it } from 'vitest';
import type { OutgoingRecord } from '../../src/engine/engine.js';
import {
  type PendingCall,
  partitionBatches,
  settleFailed,
  settleWritten,
} from '../../src/produce/partition-batches.js';

interface Outcome {
  offsets?: number[];
  error?: unknown;
  times: number;
}

function call(
  topic: string,
  records: OutgoingRecord[],
  partitions: number[],
): PendingCall & { outcome: Outcome } {
  const outcome: Outcome = { times: 0 };
  return {
    topic,
    records,
    partitions,
    bytes: 0,
    offsets: new Array(records.length),
    unwritten: 0,
    settled: false,
    resolve: (offsets) => {
      outcome.offsets = [...offsets];
      outcome.times++;
    },
    reject: (error) => {
      outcome.error = error;
      outcome.times++;
    },
    outcome,
  };
}

describe('partitionBatches', () => {
  it('groups records by topic and partition in call order, remembering each record’s call and index', () => {
    const a = call('t', [{ value: 'a0' }, { value: 'a1' }, { value: 'a2' }], [1, 0, 1]);
    const b = call('t', [{ value: 'b0' }], [1]);
    const c = call('u', [{ value: 'c0' }], [1]);
    const batches = partitionBatches([a, b, c]);
    expect(batches.map((x) => [x.topic, x.partition])).toEqual([
      ['t', 1],
      ['t', 0],
      ['u', 1],
    ]);
    const [t1, t0] = batches;
    expect(t1!.records.map((r) => r.value)).toEqual(['a0', 'a2', 'b0']);
    expect(t1!.owners).toEqual([a, a, b]);
    expect(t1!.ownerIndexes).toEqual([0, 2, 0]);
    expect(t0!.records.map((r) => r.value)).toEqual(['a1']);
    expect(a.unwritten).toBe(2);
    expect(b.unwritten).toBe(1);
    expect(c.unwritten).toBe(1);
    expect(t1!.calls()).toEqual(new Set([a, b]));
  });

  it('turns headers into header inputs and keeps key and timestamp', () => {
    const a = call(
      't',
      [{ key: 'k', value: 'v', headers: { h1: 'x', h2: Buffer.from([1]) }, timestamp: 1234 }],
      [0],
    );
    const [batch] = partitionBatches([a]);
    expect(batch!.records[0]).toEqual({
      key: 'k',
      value: 'v',
      headers: [
        { key: 'h1', value: 'x' },
        { key: 'h2', value: Buffer.from([1]) },
      ],
      timestamp: 1234,
    });
  });

  it('settleWritten: base offset + index in the batch; a call resolves once all its batches are written', () => {
    const a = call('t', [{ value: 'a0' }, { value: 'a1' }, { value: 'a2' }], [1, 0, 1]);
    const b = call('t', [{ value: 'b0' }], [1]);
    const [t1, t0] = partitionBatches([a, b]);
    settleWritten(t1!, 40);
    expect(b.outcome).toEqual({ offsets: [42], times: 1 });
    expect(a.outcome.times).toBe(0); // partition 0 still open
    settleWritten(t0!, 7);
    expect(a.outcome).toEqual({ offsets: [40, 7, 41], times: 1 });
  });

  it('settleFailed: every call with records in the batch fails once, even if its other batch was written', () => {
    const a = call('t', [{ value: 'a0' }, { value: 'a1' }], [0, 1]);
    const b = call('t', [{ value: 'b0' }], [1]);
    const c = call('t', [{ value: 'c0' }], [0]);
    const [t0, t1] = partitionBatches([a, b, c]);
    settleWritten(t1!, 0);
    expect(b.outcome.times).toBe(1);
    const error = new Error('refused');
    settleFailed(t0!, error);
    expect(a.outcome).toEqual({ error, times: 1 });
    expect(c.outcome).toEqual({ error, times: 1 });
    settleFailed(t0!, new Error('again'));
    expect(a.outcome.times).toBe(1);
    expect(b.outcome).toEqual({ offsets: [1], times: 1 }); // after a1 in partition 1's batch
  });
});
