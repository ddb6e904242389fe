import { describe, expect, it } from 'vitest';
import { type PendingAck, planAcks } from '../../../src/share/consumer/ack-ranges.js';

const ack = (offset: number, type = 1, lastOffset = offset): PendingAck => ({
  firstOffset: offset,
  lastOffset,
  type,
  attempts: 0,
});

describe('planAcks', () => {
  it('coalesces consecutive offsets of one type into a single range with one type', () => {
    const planned = planAcks([0, 1, 2, 3, 4].map((o) => ack(o)));
    expect(planned.batches).toEqual([{ firstOffset: 0, lastOffset: 4, acknowledgeTypes: [1] }]);
    expect(planned.taken).toHaveLength(5);
    expect(planned.deferred).toEqual([]);
  });

  it('splits at holes and sorts out-of-order acknowledgements', () => {
    const planned = planAcks([ack(7), ack(3), ack(8), ack(2), ack(10)]);
    expect(planned.batches).toEqual([
      { firstOffset: 2, lastOffset: 3, acknowledgeTypes: [1] },
      { firstOffset: 7, lastOffset: 8, acknowledgeTypes: [1] },
      { firstOffset: 10, lastOffset: 10, acknowledgeTypes: [1] },
    ]);
  });

  it('gives a run of mixed types one type per offset', () => {
    const planned = planAcks([ack(5, 1), ack(6, 1), ack(7, 0, 8), ack(9, 3)]);
    expect(planned.batches).toEqual([{ firstOffset: 5, lastOffset: 9, acknowledgeTypes: [1, 1, 0, 0, 3] }]);
  });

  it('defers an offset acknowledged twice to a later request instead of overlapping batches', () => {
    const twice = ack(4, 2);
    const planned = planAcks([ack(4, 1), ack(5, 1), twice]);
    expect(planned.batches).toEqual([{ firstOffset: 4, lastOffset: 5, acknowledgeTypes: [1] }]);
    expect(planned.deferred).toEqual([twice]);
  });
});
