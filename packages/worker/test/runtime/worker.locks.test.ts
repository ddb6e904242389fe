import { afterEach, describe, expect, it } from 'vitest';
import { DuplicateDeliveryError, LockLostError, Worker } from '../../src/index.js';
import {
  LOCK_MS,
  embeddedFixture,
  interceptAcks,
  invalidRecordState,
  nextEvent,
  sleep,
  workerTracker,
  wrapConsumers,
} from '../helpers/embedded.js';

const workers = workerTracker(Worker);
afterEach(() => workers.closeAll());

describe('Worker: acquisition locks', () => {
  it('renews a long job past lockDuration so it is not run twice, even with another idle worker polling', async () => {
    const fx = await embeddedFixture();
    const renewals: number[] = [];
    const spied = wrapConsumers(fx.engine, (consumer) =>
      interceptAcks(consumer, (_ref, type) => {
        if (type === 'renew') renewals.push(Date.now());
        return undefined;
      }),
    );
    await fx.add('long', {});
    const runs: number[] = [];
    const processor = async (job: { deliveryCount: number }) => {
      runs.push(job.deliveryCount);
      await sleep(LOCK_MS * 2.5);
      return 'done';
    };
    const first = workers.start({ queue: fx.queue, engine: spied }, processor);
    await nextEvent(first, 'active');
    const second = workers.start({ queue: fx.queue, engine: spied }, processor);
    const [job] = await nextEvent(first, 'completed');
    expect(job.deliveryCount).toBe(1);
    expect(runs).toEqual([1]);
    expect(renewals.length).toBeGreaterThanOrEqual(2);
    expect(second.activeCount).toBe(0);
  }, 10_000);

  it('a refused RENEW aborts the processor with LockLostError, never acknowledges it, and the job runs again', async () => {
    const fx = await embeddedFixture();
    let refuse = true;
    const faulty = wrapConsumers(fx.engine, (consumer) =>
      interceptAcks(consumer, (_ref, type) =>
        type === 'renew' && refuse ? Promise.reject(invalidRecordState()) : undefined,
      ),
    );
    await fx.add('long', {});
    let abortReason: unknown;
    const worker = workers.start({ queue: fx.queue, engine: faulty }, async (job, { signal }) => {
      if (job.deliveryCount > 1) return `delivery ${job.deliveryCount}`;
      await new Promise((resolve) => signal.addEventListener('abort', resolve));
      abortReason = signal.reason;
      refuse = false;
      return 'ignored: the lock was lost';
    });
    let failedOrDuplicate = 0;
    worker.on('failed', () => failedOrDuplicate++);
    worker.on('duplicate', () => failedOrDuplicate++);
    const [lostJob, error] = await nextEvent(worker, 'lockLost');
    expect(error).toBeInstanceOf(LockLostError);
    expect(error.jobId).toBe(lostJob.id);
    expect(abortReason).toBe(error);
    // The broker takes the record back when the (unrenewed) lock lapses and delivers it again.
    const [job, result] = await nextEvent(worker, 'completed');
    expect(job.id).toBe(lostJob.id);
    expect(result).toBe('delivery 2');
    expect(failedOrDuplicate).toBe(0);
  }, 10_000);

  it('an ACCEPT refused with INVALID_RECORD_STATE (lock lapsed while the event loop was blocked) is a duplicate, not a failure', async () => {
    const fx = await embeddedFixture();
    await fx.add('cpu-bound', {});
    const worker = workers.start(fx, async (job) => {
      if (job.deliveryCount === 1) {
        // Blocks the event loop past the lock: the renewer cannot run, the lock lapses.
        const until = Date.now() + LOCK_MS + 300;
        while (Date.now() < until) {
          /* busy */
        }
      }
      return job.deliveryCount;
    });
    let failed = 0;
    worker.on('failed', () => failed++);
    const [dupJob, error] = await nextEvent(worker, 'duplicate');
    expect(error).toBeInstanceOf(DuplicateDeliveryError);
    expect(dupJob.deliveryCount).toBe(1);
    const [, result] = await nextEvent(worker, 'completed');
    expect(result).toBe(2);
    expect(failed).toBe(0);
  }, 10_000);

  it("without a 'duplicate' listener the duplicate surfaces as 'error' (never a crash)", async () => {
    const fx = await embeddedFixture();
    const faulty = wrapConsumers(fx.engine, (consumer) =>
      interceptAcks(consumer, (_ref, type) =>
        type === 'accept' ? Promise.reject(invalidRecordState()) : undefined,
      ),
    );
    await fx.add('x', {});
    const worker = workers.start({ queue: fx.queue, engine: faulty }, async () => 'r');
    const [error] = await nextEvent(worker, 'error');
    expect(error).toBeInstanceOf(DuplicateDeliveryError);
  });
});
