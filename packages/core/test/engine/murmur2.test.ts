import { describe, expect, it } from 'vitest';
import { murmur2, partitionForKey } from '../../src/engine/murmur2.js';

// Expected values printed by org.apache.kafka.common.utils.Utils.murmur2 from kafka-clients-4.4.0.jar.
const KAFKA: [string, number, number][] = [
  ['21', -973932308, 3],
  ['foobar', -790332482, 0],
  ['a-little-bit-long-string', -985981536, 1],
  ['a-little-bit-longer-string', -1486304829, 0],
  ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971, 3],
  ['abc', 479470107, 4],
  ['same-key', -2124342206, 2],
];

describe('murmur2', () => {
  it.each(KAFKA)('hashes %s like the Java client', (key, hash, partitionOf7) => {
    expect(murmur2(Buffer.from(key))).toBe(hash);
    expect(partitionForKey(Buffer.from(key), 7)).toBe(partitionOf7);
  });
});
