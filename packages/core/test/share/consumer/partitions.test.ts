import { describe, expect, it } from 'vitest';
import type { DeliveredRecord } from '../../../src/engine/engine.js';
import { SharePartitionState } from '../../../src/share/consumer/partitions.js';
import { ShareSession } from '../../../src/share/consumer/session.js';

describe('SharePartitionState acquisitions', () => {
  it('tracks which session each delivered record was acquired in, by record and by offset', () => {
    const p = new SharePartitionState('t', 'id', 0);
    const old = new ShareSession();
    const record: DeliveredRecord = {
      topic: 't',
      partition: 0,
      offset: 7,
      key: null,
      value: null,
      headers: {},
      timestamp: 0,
      deliveryCount: 1,
      lockExpiresAt: 0,
    };
    p.delivered(record, old.generation);
    const oldGeneration = old.end();
    // The same offset delivered again in the new session: the first delivery keeps its own generation.
    const again = { ...record, deliveryCount: 2 };
    p.delivered(again, old.generation);
    expect(p.generationOf(record)).toBe(oldGeneration);
    expect(p.generationOf(again)).toBe(old.generation);
    // A caller's copy resolves to the offset's latest unsettled delivery.
    expect(p.generationOf({ topic: 't', partition: 0, offset: 7 })).toBe(old.generation);
    // Settling the old delivery must not forget the new one.
    p.settled(7, oldGeneration);
    expect(p.generationOf({ topic: 't', partition: 0, offset: 7 })).toBe(old.generation);
    p.settled(7, old.generation);
    expect(p.generationOf({ topic: 't', partition: 0, offset: 7 })).toBeUndefined();
  });
});
