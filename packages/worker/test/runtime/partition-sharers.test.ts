import type { ShareGroupDescription } from '@sharq/core';
import { describe, expect, it } from 'vitest';
import { partitionSharers, SharerWatch } from '../../src/runtime/partition-sharers.js';

function group(members: Record<string, Record<string, number[]>>): ShareGroupDescription {
  return {
    groupId: 'g',
    state: 'Stable',
    members: Object.entries(members).map(([memberId, topics]) => ({
      memberId,
      clientId: memberId,
      clientHost: '/127.0.0.1',
      assignment: Object.entries(topics).map(([topic, partitions]) => ({ topic, partitions })),
    })),
  };
}

describe('partitionSharers', () => {
  it('counts the members on this member’s busiest partition of the queue topic', () => {
    const g = group({
      a: { q: [0, 1] },
      b: { q: [1] },
      c: { q: [1], other: [0] },
      d: { q: [2], other: [0] },
    });
    expect(partitionSharers(g, 'a', 'q')).toBe(3);
    expect(partitionSharers(g, 'd', 'q')).toBe(1);
    // Another topic's members do not share this one's locks.
    expect(partitionSharers(g, 'c', 'other')).toBe(2);
  });

  it('is unknown for a member the description does not list yet', () => {
    expect(partitionSharers(group({ a: { q: [0] } }), 'new', 'q')).toBeUndefined();
  });
});

describe('SharerWatch', () => {
  function watch(describeShareGroup: () => Promise<ShareGroupDescription>, needed = true) {
    const errors: unknown[] = [];
    let calls = 0;
    const w = new SharerWatch({
      engine: {
        describeShareGroup: () => {
          calls++;
          return describeShareGroup();
        },
      },
      groupId: 'g',
      topic: 'q',
      memberId: () => 'a',
      needed: () => needed,
      onError: (error) => errors.push(error),
    });
    return { w, errors, calls: () => calls };
  }

  it('asks only while the count could change the window', async () => {
    const idle = watch(async () => group({ a: { q: [0] }, b: { q: [0] } }), false);
    expect(await idle.w.refresh()).toBe(false);
    expect(idle.calls()).toBe(0);
    expect(idle.w.sharers).toBe(1);
    const busy = watch(async () => group({ a: { q: [0] }, b: { q: [0] } }));
    expect(await busy.w.refresh()).toBe(true);
    expect(busy.w.sharers).toBe(2);
  });

  it('keeps the last count when the describe fails, and reports a repeating failure once', async () => {
    let fail = false;
    const t = watch(async () => {
      if (fail) throw Object.assign(new Error('denied'), { code: 'GROUP_AUTHORIZATION_FAILED' });
      return group({ a: { q: [0] }, b: { q: [0] }, c: { q: [0] } });
    });
    await t.w.refresh();
    fail = true;
    await t.w.refresh();
    await t.w.refresh();
    expect(t.w.sharers).toBe(3);
    expect(t.errors).toHaveLength(1);
    fail = false;
    await t.w.refresh();
    fail = true;
    await t.w.refresh();
    expect(t.errors).toHaveLength(2);
  });
});
