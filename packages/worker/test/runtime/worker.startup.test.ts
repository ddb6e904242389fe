import {
  ConnectionError,
  EmbeddedEngine,
  type Engine,
  brokerError,
  errorCodeOf,
  queueTopology,
} from '@sharq/core';
import { uniqueName } from '@sharq/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { Worker } from '../../src/index.js';
import { DELIVERY_LIMIT, LOCK_MS, nextEvent, workerTracker } from '../helpers/embedded.js';

const workers = workerTracker(Worker);
afterEach(() => workers.closeAll());

/** An engine whose ensureTopic fails like an unreachable broker while `down.value` is true. */
function flakyEngine(engine: Engine, down: { value: boolean }): Engine {
  return new Proxy(engine, {
    get(target, property) {
      if (property === 'ensureTopic') {
        return async (...args: Parameters<Engine['ensureTopic']>) => {
          if (down.value) throw new ConnectionError('broker not reachable (injected)');
          return target.ensureTopic(...args);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('Worker start-up', () => {
  it('waits for an unreachable engine (reporting each failure) instead of dying, then processes', async () => {
    const embedded = new EmbeddedEngine();
    const queue = uniqueName('wq');
    const down = { value: true };
    const engine = flakyEngine(embedded, down);
    const worker = workers.start({ queue, engine }, async () => 'ok');
    const [error] = await nextEvent(worker, 'error');
    expect(error.message).toBe('broker not reachable (injected)');
    expect(worker.isClosed()).toBe(false);
    down.value = false;
    await nextEvent(worker, 'ready');
    const topology = queueTopology(queue);
    await embedded.produce(topology.topic, [
      {
        key: 'j1',
        value: JSON.stringify({
          v: 1,
          id: 'j1',
          name: 'n',
          data: 1,
          opts: { attempts: 1 },
          attemptsMade: 0,
          ts: 0,
        }),
      },
    ]);
    const [job] = await nextEvent(worker, 'completed');
    expect(job.id).toBe('j1');
  });

  it('a refusal from the broker (non-retriable, e.g. INVALID_CONFIG) ends start-up instead of retrying forever', async () => {
    const embedded = new EmbeddedEngine();
    const engine = new Proxy(embedded, {
      get(target, property) {
        if (property === 'configureShareGroup') {
          return async () => {
            throw brokerError(errorCodeOf('INVALID_CONFIG') ?? 40, 'lock duration above the broker maximum');
          };
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const worker = workers.start({ queue: uniqueName('wq'), engine }, async () => 'ok', { autorun: false });
    const errors: Error[] = [];
    worker.on('error', (error) => errors.push(error));
    await expect(worker.waitUntilReady()).rejects.toMatchObject({ code: 'INVALID_CONFIG' });
    expect(errors).toEqual([]);
  });

  it('configures the share group with its lock duration and delivery limit', async () => {
    const engine = new EmbeddedEngine();
    const queue = uniqueName('wq');
    const worker = workers.start({ queue, engine }, async () => 'ok');
    await worker.waitUntilReady();
    expect(worker.options.lockDurationMs).toBe(LOCK_MS);
    expect(worker.options.deliveryCountLimit).toBe(DELIVERY_LIMIT);
    const topology = queueTopology(queue);
    expect(await engine.partitionCount(topology.topic)).toBe(1);
    expect(await engine.partitionCount(topology.dlqTopic)).toBe(1);
    expect(await engine.partitionCount(topology.presenceTopic)).toBe(1);
  });
});
