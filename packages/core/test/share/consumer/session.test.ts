import { describe, expect, it } from 'vitest';
import { SharePartitionState } from '../../../src/share/consumer/partitions.js';
import { nextEpoch, ShareSession } from '../../../src/share/consumer/session.js';

const p0 = new SharePartitionState('t', 'id', 0);
const p1 = new SharePartitionState('t', 'id', 1);
const p2 = new SharePartitionState('t', 'id', 2);

describe('ShareSession', () => {
  it('opens with epoch 0 and the full partition list, then counts 1, 2, …', () => {
    const session = new ShareSession();
    const open = session.planFetch(new Set([p0, p1]), []);
    expect(open).toEqual({ epoch: 0, include: [p0, p1], forget: [] });
    session.fetchAnswered(open);
    expect(session.epoch).toBe(1);
    const next = session.planFetch(new Set([p0, p1]), []);
    expect(next).toEqual({ epoch: 1, include: [], forget: [] });
    session.fetchAnswered(next);
    session.acknowledgeAnswered();
    expect(session.epoch).toBe(3);
  });

  it('lists only added partitions and partitions with acks; forgets removed ones', () => {
    const session = new ShareSession();
    session.fetchAnswered(session.planFetch(new Set([p0, p1]), []));
    const plan = session.planFetch(new Set([p1, p2]), [p1]);
    expect(plan.include).toEqual([p2, p1]);
    expect(plan.forget).toEqual([p0]);
    session.fetchAnswered(plan);
    expect([session.has(p0), session.has(p1), session.has(p2)]).toEqual([false, true, true]);
  });

  it('keeps a removed partition that still has acks to send until they are sent', () => {
    const session = new ShareSession();
    session.fetchAnswered(session.planFetch(new Set([p0]), []));
    const plan = session.planFetch(new Set(), [p0]);
    expect(plan).toEqual({ epoch: 1, include: [p0], forget: [] });
  });

  it('resets to epoch 0 and forgets its partitions', () => {
    const session = new ShareSession();
    session.fetchAnswered(session.planFetch(new Set([p0]), []));
    session.reset();
    expect(session.isOpen).toBe(false);
    expect(session.planFetch(new Set([p0]), [])).toEqual({ epoch: 0, include: [p0], forget: [] });
  });

  it('keeps its generation of acquisitions across a reset (INVALID_SHARE_SESSION_EPOCH: the broker still holds them)', () => {
    const session = new ShareSession();
    const generation = session.generation;
    session.fetchAnswered(session.planFetch(new Set([p0]), []));
    session.reset();
    expect(session.generation).toBe(generation);
    expect(generation.ended).toBe(false);
  });

  it('ends its generation when the broker lost the session, and starts over with epoch 0 and a new one', () => {
    const session = new ShareSession();
    const first = session.generation;
    session.fetchAnswered(session.planFetch(new Set([p0]), []));
    const ended = session.end();
    expect(ended).toBe(first);
    expect(first.ended).toBe(true);
    expect(session.generation).not.toBe(first);
    expect(session.generation.ended).toBe(false);
    expect(session.planFetch(new Set([p0]), [])).toEqual({ epoch: 0, include: [p0], forget: [] });
  });

  it('wraps to 1 after int32 max', () => {
    expect(nextEpoch(2147483647)).toBe(1);
    expect(nextEpoch(0)).toBe(1);
  });
});
