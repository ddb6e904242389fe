import {
  DLQ_HEADER,
  decodeJobEvents,
  type StoredRecord,
  TimeoutError,
  UnrecoverableError,
} from '@sharq/core';
import { afterEach, describe, expect, it } from 'vitest';
import { NonErrorThrownError, Worker } from '../../src/index.js';
import { collect, embeddedFixture, nextEvent, workerTracker } from '../helpers/embedded.js';

const workers = workerTracker(Worker);
afterEach(() => workers.closeAll());

function header(record: StoredRecord | undefined, name: string): string | undefined {
  return record?.headers[name]?.toString('utf8');
}

describe('Worker: failures', () => {
  it('a job is tried exactly `attempts` times (RELEASE, no backoff), then dead-lettered with its error', async () => {
    const fx = await embeddedFixture();
    const id = await fx.add('flaky', {}, { attempts: 3 });
    const attempts: { attempt: number; deliveryCount: number }[] = [];
    const worker = workers.start(fx, async (job) => {
      attempts.push({ attempt: job.attempt, deliveryCount: job.deliveryCount });
      throw new Error(`boom ${job.attempt}`);
    });
    const failed = collect(worker, 'failed', 3);
    const [deadJob, reason, error] = await nextEvent(worker, 'dead');
    expect(deadJob?.id).toBe(id);
    expect(reason).toBe('failed');
    expect(error.message).toBe('boom 3');
    expect(attempts).toEqual([
      { attempt: 1, deliveryCount: 1 },
      { attempt: 2, deliveryCount: 2 },
      { attempt: 3, deliveryCount: 3 },
    ]);
    expect((await failed).map(([, , outcome]) => outcome)).toEqual([
      { kind: 'retry', delayMs: 0, immediate: true },
      { kind: 'retry', delayMs: 0, immediate: true },
      { kind: 'dead', reason: 'failed' },
    ]);
    const dlq = await fx.engine.readTopic(fx.topology.dlqTopic);
    expect(dlq).toHaveLength(1);
    expect(header(dlq[0], DLQ_HEADER.reason)).toBe('failed');
    expect(header(dlq[0], DLQ_HEADER.error)).toBe('boom 3');
    expect(header(dlq[0], DLQ_HEADER.attempts)).toBe('3');
    expect(header(dlq[0], DLQ_HEADER.worker)).toBe(worker.id);
    expect(header(dlq[0], DLQ_HEADER.stack)).toContain('boom 3');
    const [lag] = await fx.engine.describeShareGroupOffsets(fx.topology.group, [fx.topology.topic]);
    expect(lag?.lag).toBe(0);
    await worker.close();
    const events = (await fx.engine.readTopic(fx.topology.eventsTopic))
      .flatMap((record) => decodeJobEvents(record))
      .filter((event) => event?.jobId === id)
      .map((event) => (event?.type === 'failed' ? `failed:${event.willRetry}` : event?.type));
    expect(events).toEqual([
      'active',
      'failed:true',
      'active',
      'failed:true',
      'active',
      'failed:false',
      'dead',
    ]);
  });

  it('UnrecoverableError dead-letters at once, whatever attempts remain', async () => {
    const fx = await embeddedFixture();
    await fx.add('poison', {}, { attempts: 5 });
    let calls = 0;
    const worker = workers.start(fx, async () => {
      calls++;
      throw new UnrecoverableError('bad input');
    });
    const [, outcomeArgs] = await Promise.all([nextEvent(worker, 'dead'), nextEvent(worker, 'failed')]);
    expect(outcomeArgs[2]).toEqual({ kind: 'dead', reason: 'unrecoverable' });
    expect(calls).toBe(1);
    const dlq = await fx.engine.readTopic(fx.topology.dlqTopic);
    expect(header(dlq[0], DLQ_HEADER.reason)).toBe('unrecoverable');
  });

  it('with backoff it re-enqueues a copy (attemptsMade = attempt) through a delay bucket, then ACCEPTs', async () => {
    const fx = await embeddedFixture();
    await fx.add('later', {}, { attempts: 2, backoff: { type: 'fixed', delay: 1_000 } });
    const seen: { attempt: number; attemptsMade: number; deliveryCount: number; at: number }[] = [];
    const worker = workers.start(fx, async (job) => {
      seen.push({
        attempt: job.attempt,
        attemptsMade: job.attemptsMade,
        deliveryCount: job.deliveryCount,
        at: Date.now(),
      });
      if (job.attempt === 1) throw new Error('not yet');
      return 'ok';
    });
    const [first] = await collect(worker, 'failed', 1);
    expect(first?.[2]).toEqual({ kind: 'retry', delayMs: 1_000, immediate: false });
    await nextEvent(worker, 'completed');
    expect(seen.map(({ at: _, ...rest }) => rest)).toEqual([
      { attempt: 1, attemptsMade: 0, deliveryCount: 1 },
      // A fresh record: the broker's count restarts; the envelope carries the attempts used.
      { attempt: 2, attemptsMade: 1, deliveryCount: 1 },
    ]);
    expect((seen[1]?.at ?? 0) - (seen[0]?.at ?? 0)).toBeGreaterThanOrEqual(1_000);
  });

  it('re-enqueues instead of RELEASE when the broker delivery limit would be reached', async () => {
    const fx = await embeddedFixture({ deliveryCountLimit: 3 });
    await fx.add('stubborn', {}, { attempts: 5 });
    const seen: [number, number][] = [];
    const worker = workers.start(
      fx,
      async (job) => {
        seen.push([job.attempt, job.deliveryCount]);
        throw new Error('nope');
      },
      { deliveryCountLimit: 3 },
    );
    const failed = collect(worker, 'failed', 5);
    await nextEvent(worker, 'dead');
    // Every one of the 5 attempts reached the worker; none was archived by the broker.
    expect(seen).toEqual([
      [1, 1],
      [2, 2],
      [3, 1],
      [4, 2],
      [5, 1],
    ]);
    expect(
      (await failed).map(([, , o]) => (o.kind === 'retry' ? (o.immediate ? 'release' : 'copy') : 'dead')),
    ).toEqual(['release', 'copy', 'release', 'copy', 'dead']);
    const dlq = await fx.engine.readTopic(fx.topology.dlqTopic);
    expect(dlq).toHaveLength(1);
    expect(header(dlq[0], DLQ_HEADER.by)).toBe('worker');
  });

  it('timeout aborts the signal and fails the attempt even if the processor ignores it; the late result is discarded', async () => {
    const fx = await embeddedFixture();
    await fx.add('slow', {}, { attempts: 1, timeout: 100 });
    let signalReason: unknown;
    let finishLate!: () => void;
    const worker = workers.start(fx, async (job, { signal }) => {
      if (job.name === 'next') return 'ok';
      signal.addEventListener('abort', () => {
        signalReason = signal.reason;
      });
      // Ignores the signal: resolves only when the test says so, long after the timeout.
      return new Promise<string>((resolve) => {
        finishLate = () => resolve('too late');
      });
    });
    let completed = 0;
    worker.on('completed', () => completed++);
    const [, reason, error] = await nextEvent(worker, 'dead');
    expect(reason).toBe('timeout');
    expect(error).toBeInstanceOf(TimeoutError);
    expect(signalReason).toBe(error);
    finishLate();
    await new Promise((resolve) => setImmediate(resolve));
    expect(completed).toBe(0);
    const dlq = await fx.engine.readTopic(fx.topology.dlqTopic);
    expect(header(dlq[0], DLQ_HEADER.reason)).toBe('timeout');
    // The slot was freed at the timeout: the worker (concurrency 1) still takes new jobs.
    await fx.add('next', {});
    await nextEvent(worker, 'completed');
  });

  it.each([
    ['a string', 'boom', 'processor threw a non-Error value: "boom"'],
    ['undefined', undefined, 'processor threw a non-Error value: undefined'],
    ['an object', { code: 7 }, 'processor threw a non-Error value: {"code":7}'],
  ])('a processor throwing %s fails with a wrapped Error', async (_what, thrown, message) => {
    const fx = await embeddedFixture();
    await fx.add('odd', {}, { attempts: 1 });
    const worker = workers.start(fx, async () => {
      throw thrown;
    });
    const [, , error] = await nextEvent(worker, 'dead');
    expect(error).toBeInstanceOf(NonErrorThrownError);
    expect(error.message).toBe(message);
    const dlq = await fx.engine.readTopic(fx.topology.dlqTopic);
    expect(header(dlq[0], DLQ_HEADER.error)).toBe(message);
  });

  it('a record that is not a Sharq envelope is dead-lettered as malformed and the worker keeps going', async () => {
    const fx = await embeddedFixture();
    await fx.addRaw('not json at all');
    await fx.addRaw(JSON.stringify({ v: 99 }));
    await fx.add('good', { fine: true });
    const worker = workers.start(fx, async (job) => job.data);
    const malformed = collect(worker, 'malformed', 2);
    const [, result] = await nextEvent(worker, 'completed');
    expect(result).toEqual({ fine: true });
    expect((await malformed).map(([, reason]) => reason)).toEqual([
      'value is not JSON',
      'unsupported envelope version 99',
    ]);
    const dlq = await fx.engine.readTopic(fx.topology.dlqTopic);
    expect(dlq.map((r) => header(r, DLQ_HEADER.reason))).toEqual(['malformed', 'malformed']);
    expect(dlq[0]?.value?.toString()).toBe('not json at all');
  });
});
