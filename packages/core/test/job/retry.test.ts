import { describe, expect, it } from 'vitest';
import { EmbeddedEngine } from '../../src/embedded/index.js';
import {
  DUE_AT_HEADER,
  decodeEnvelope,
  enqueueRetry,
  FORWARD_AT_HEADER,
  type JobEnvelope,
  provisionQueue,
  queueTopology,
  REPLAY_HEADER,
} from '../../src/index.js';

const envelope: JobEnvelope = {
  v: 1,
  id: 'r1',
  name: 'n',
  data: { x: 1 },
  opts: { attempts: 5, backoff: { type: 'fixed', delay: 7_000 } },
  attemptsMade: 0,
  ts: 1,
  dueAt: 5,
  replay: { from: '0:3', at: 2, token: 'tok', count: 1 },
};

describe('enqueueRetry', () => {
  it('delay 0 → a copy on the queue topic with the new attemptsMade; delay → a bucket with its schedule', async () => {
    const engine = new EmbeddedEngine();
    const t = queueTopology('retry');
    await provisionQueue(engine, t, { partitions: 1, lockDurationMs: 30_000, deliveryCountLimit: 10 });
    await enqueueRetry(engine, t, envelope, { attemptsMade: 2, delayMs: 0 });
    const before = Date.now();
    await enqueueRetry(engine, t, envelope, { attemptsMade: 3, delayMs: 7_000 });
    const [now] = await engine.readTopic(t.topic);
    const decodedNow = decodeEnvelope(now ?? { value: null });
    expect(decodedNow).toEqual({ ok: true, envelope: { ...envelope, attemptsMade: 2, dueAt: undefined } });
    expect(now?.key?.toString()).toBe('r1');
    expect(now?.headers[REPLAY_HEADER]?.toString()).toBe('tok');
    const bucket = t.delayBuckets.find((b) => b.bucketMs === 5_000)?.topic ?? '';
    const [later] = await engine.readTopic(bucket);
    const decodedLater = decodeEnvelope(later ?? { value: null });
    if (!decodedLater.ok) throw new Error(decodedLater.reason);
    expect(decodedLater.envelope.attemptsMade).toBe(3);
    const dueAt = Number(later?.headers[DUE_AT_HEADER]?.toString());
    expect(dueAt).toBe(decodedLater.envelope.dueAt);
    expect(dueAt).toBeGreaterThanOrEqual(before + 7_000);
    expect(Number(later?.headers[FORWARD_AT_HEADER]?.toString())).toBe(dueAt - 2_000);
    await engine.close();
  });
});
