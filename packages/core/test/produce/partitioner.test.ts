import { describe, expect, it } from 'vitest';
import { partitionForKey } from '../../src/engine/murmur2.js';
import { ProduceError } from '../../src/produce/errors.js';
import { Partitioner } from '../../src/produce/partitioner.js';

describe('Partitioner', () => {
  it('keeps an explicit partition in range', () => {
    const p = new Partitioner();
    expect(p.partitionOf('t', { partition: 0, value: 'v' }, 3)).toBe(0);
    expect(p.partitionOf('t', { partition: 2, key: 'ignored', value: 'v' }, 3)).toBe(2);
  });

  it.each([3, 7, -1, 1.5])(
    'refuses explicit partition %s of a 3-partition topic with ProduceError',
    (partition) => {
      const p = new Partitioner();
      let error: unknown;
      try {
        p.partitionOf('t', { partition, value: 'v' }, 3);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ProduceError);
      expect((error as ProduceError).code).toBe('PRODUCE_FAILED');
      expect((error as ProduceError).message).toContain('t');
    },
  );

  it('refuses any record of a topic with no partitions', () => {
    expect(() => new Partitioner().partitionOf('t', { value: 'v' }, 0)).toThrow(ProduceError);
  });

  it('puts a keyed record where partitionForKey (murmur2) does, for string and Buffer keys', () => {
    const p = new Partitioner();
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const key = `order-${i}-ü€`;
      const expected = partitionForKey(Buffer.from(key, 'utf8'), 12);
      expect(p.partitionOf('t', { key, value: 'v' }, 12)).toBe(expected);
      expect(p.partitionOf('t', { key: Buffer.from(key), value: 'v' }, 12)).toBe(expected);
      seen.add(expected);
    }
    // Keys spread: not everything lands on one partition.
    expect(seen.size).toBeGreaterThan(6);
    // A binary key that is not valid UTF-8 is hashed as its bytes.
    const binary = Buffer.from([0xff, 0x00, 0xfe, 0x80]);
    expect(p.partitionOf('t', { key: binary, value: 'v' }, 12)).toBe(partitionForKey(binary, 12));
    // The key alone decides: the same key, the same partition, whatever the value or earlier records.
    expect(p.partitionOf('t', { key: 'same key', value: 'a' }, 12)).toBe(
      p.partitionOf('t', { key: 'same key', value: 'b' }, 12),
    );
  });

  it('round-robins keyless records (null, undefined key) over all partitions', () => {
    const p = new Partitioner();
    const chosen = Array.from({ length: 9 }, (_, i) =>
      p.partitionOf('t', i % 2 === 0 ? { value: 'v' } : { key: null, value: 'v' }, 3),
    );
    expect(chosen).toEqual([0, 1, 2, 0, 1, 2, 0, 1, 2]);
  });

  it('puts everything on partition 0 of a one-partition topic, keyed or not', () => {
    const p = new Partitioner();
    for (let i = 0; i < 5; i++) {
      expect(p.partitionOf('t', { value: 'v' }, 1)).toBe(0);
      expect(p.partitionOf('t', { key: `k${i}`, value: 'v' }, 1)).toBe(0);
      expect(p.partitionOf('t', { key: Buffer.from([i]), value: 'v' }, 1)).toBe(0);
    }
  });
});
