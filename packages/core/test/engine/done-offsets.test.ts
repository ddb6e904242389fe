import { describe, expect, it } from 'vitest';
import { decodeDoneOffsets, encodeDoneOffsets } from '../../src/engine/done-offsets.js';

describe('done offsets in commit metadata', () => {
  it('round-trips the done records between the not-done ones, up to the first offset not handed', () => {
    // committed 10 (not done); 11, 12 done; 13 not done; 14 done; 15 not done; 16..19 done; 20 not handed.
    const metadata = encodeDoneOffsets(10, [10, 13, 15], 20);
    expect(metadata).toBe('sharq.done.1:1,2,1,1,1,4');
    expect([...decodeDoneOffsets(10, metadata)]).toEqual([11, 12, 14, 16, 17, 18, 19]);
  });

  it('writes nothing when nothing above the committed offset is done', () => {
    expect(encodeDoneOffsets(5, [5, 6, 7], 8)).toBe('');
    expect(encodeDoneOffsets(5, [], 5)).toBe('');
    expect(decodeDoneOffsets(5, '')).toEqual(new Set());
  });

  it('ignores metadata it did not write, and malformed runs', () => {
    expect(decodeDoneOffsets(0, 'someone else')).toEqual(new Set());
    expect(decodeDoneOffsets(0, null)).toEqual(new Set());
    expect(decodeDoneOffsets(0, 'sharq.done.1:1,x')).toEqual(new Set());
    expect(decodeDoneOffsets(0, 'sharq.done.1:1,0')).toEqual(new Set());
  });

  it('cuts the runs to fit the broker metadata limit: what it drops is only run again', () => {
    // Every other record done over 10,000 offsets: far more runs than fit.
    const notDone = Array.from({ length: 5_000 }, (_, i) => i * 2);
    const metadata = encodeDoneOffsets(0, notDone, 10_000);
    expect(metadata.length).toBeLessThanOrEqual(3_500);
    const done = decodeDoneOffsets(0, metadata);
    expect(done.size).toBeGreaterThan(100);
    for (const offset of done) expect(offset % 2).toBe(1);
  });
});
