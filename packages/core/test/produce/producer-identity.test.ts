import { describe, expect, it } from 'vitest';
import { partitionKey } from '../../src/produce/partition-batches.js';
import { type ProducerIdAndEpoch, ProducerIdentity } from '../../src/produce/producer-identity.js';

function counting(): { identity: ProducerIdentity; calls: () => number; fail: (error?: unknown) => void } {
  let calls = 0;
  let failWith: unknown;
  const identity = new ProducerIdentity(async () => {
    calls++;
    await new Promise((resolve) => setImmediate(resolve));
    if (failWith !== undefined) {
      const error = failWith;
      failWith = undefined;
      throw error;
    }
    return { producerId: 100 + calls, producerEpoch: 0 };
  });
  return { identity, calls: () => calls, fail: (error = new Error('init failed')) => (failWith = error) };
}

describe('ProducerIdentity', () => {
  it('take() hands out consecutive base sequences per partition, from 0', () => {
    const { identity } = counting();
    const a = partitionKey('t', 0);
    const b = partitionKey('t', 1);
    expect(identity.take(a, 3)).toBe(0);
    expect(identity.take(a, 5)).toBe(3);
    expect(identity.take(b, 2)).toBe(0);
    expect(identity.take(a, 1)).toBe(8);
    expect(identity.take(partitionKey('u', 0), 1)).toBe(0);
  });

  it('giveBack() makes the refused batch’s sequences the next ones again', () => {
    const { identity } = counting();
    const a = partitionKey('t', 0);
    identity.take(a, 4);
    const refused = identity.take(a, 10);
    expect(refused).toBe(4);
    identity.giveBack(a, refused);
    expect(identity.take(a, 2)).toBe(4);
    expect(identity.take(a, 1)).toBe(6);
  });

  it('wraps sequences at 2^31-1 back to 0', () => {
    const { identity } = counting();
    const a = partitionKey('t', 0);
    identity.take(a, 0x7fff_fffe); // next: 2^31 - 2
    expect(identity.take(a, 1)).toBe(0x7fff_fffe);
    expect(identity.take(a, 1)).toBe(0x7fff_ffff); // the last int32
    expect(identity.take(a, 3)).toBe(0);
    expect(identity.take(a, 1)).toBe(3);
    // A batch straddling the wrap: its base is below, the next one starts past 0.
    identity.giveBack(a, 0x7fff_fffe);
    expect(identity.take(a, 5)).toBe(0x7fff_fffe);
    expect(identity.take(a, 1)).toBe(3);
  });

  it('concurrent ready() calls share one InitProducerId, later ones reuse its answer', async () => {
    const { identity, calls } = counting();
    const answers = await Promise.all([identity.ready(), identity.ready(), identity.ready()]);
    expect(calls()).toBe(1);
    expect(answers).toEqual([
      { producerId: 101, producerEpoch: 0 },
      { producerId: 101, producerEpoch: 0 },
      { producerId: 101, producerEpoch: 0 },
    ]);
    expect(await identity.ready()).toEqual({ producerId: 101, producerEpoch: 0 });
    expect(calls()).toBe(1);
  });

  it('reset() forgets the id and every partition’s sequences; the next ready() asks again', async () => {
    const { identity, calls } = counting();
    await identity.ready();
    const a = partitionKey('t', 0);
    const b = partitionKey('t', 1);
    identity.take(a, 7);
    identity.take(b, 2);
    identity.reset();
    const [x, y] = await Promise.all([identity.ready(), identity.ready()]);
    expect(calls()).toBe(2);
    expect(x).toEqual<ProducerIdAndEpoch>({ producerId: 102, producerEpoch: 0 });
    expect(y).toBe(x);
    expect(identity.take(a, 1)).toBe(0);
    expect(identity.take(b, 1)).toBe(0);
  });

  it('a failed InitProducerId fails every waiting ready(), and the next ready() tries again', async () => {
    const { identity, calls, fail } = counting();
    const error = new Error('broker gone');
    fail(error);
    const waiting = [identity.ready(), identity.ready()];
    for (const w of waiting) await expect(w).rejects.toBe(error);
    expect(calls()).toBe(1);
    await expect(identity.ready()).resolves.toEqual({ producerId: 102, producerEpoch: 0 });
    expect(calls()).toBe(2);
  });
});
