import { EmbeddedEngine, ValidationError } from '@sharq/core';
import { describe, expect, it } from 'vitest';
import { Worker } from '../../src/index.js';
import { resolveWorkerOptions } from '../../src/runtime/options.js';

const engine = new EmbeddedEngine();
const noop = async () => undefined;

function validationPath(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).path;
  }
  throw new Error('expected a ValidationError');
}

describe('worker options', () => {
  it('applies the documented defaults', () => {
    const options = resolveWorkerOptions({ connection: engine });
    expect(options.concurrency).toBe(1);
    expect(options.lockDurationMs).toBe(30_000);
    expect(options.autorun).toBe(true);
    expect(options.prefix).toBe('sharq');
    expect(options.limiter).toBeUndefined();
    expect(options.workerId).toMatch(/^.+:\d+:[0-9a-f]{8}$/);
    expect(Object.isFrozen(options)).toBe(true);
  });

  it('gives every worker its own id', () => {
    expect(resolveWorkerOptions({ connection: engine }).workerId).not.toBe(
      resolveWorkerOptions({ connection: engine }).workerId,
    );
  });

  it.each([
    [{ connection: engine, concurrency: 0 }, 'concurrency'],
    [{ connection: engine, concurrency: 1.5 }, 'concurrency'],
    [{ connection: engine, lockDurationMs: 'long' }, 'lockDurationMs'],
    [{ connection: engine, lockDurationMs: 10 }, 'lockDurationMs'],
    [{ connection: engine, drainDelayMs: -1 }, 'drainDelayMs'],
    [{ connection: engine, limiter: { acquire: () => 1 } }, 'limiter'],
    [{ connection: engine, workerId: '' }, 'workerId'],
    [{ connection: 'localhost:9092' }, 'connection'],
    [{ connection: { brokers: [] } }, 'connection'],
    [{}, 'connection'],
  ])('rejects %j naming %s', (input, path) => {
    expect(validationPath(() => resolveWorkerOptions(input))).toBe(path);
  });

  it('rejects an invalid queue name and a missing processor before connecting', () => {
    expect(validationPath(() => new Worker('bad.name', noop, { connection: engine, autorun: false }))).toBe(
      'queueName',
    );
    const notAFunction = 'nope' as unknown as typeof noop;
    expect(validationPath(() => new Worker('ok', notAFunction, { connection: engine, autorun: false }))).toBe(
      'processor',
    );
  });

  it('rejects invalid close options', async () => {
    const worker = new Worker('ok', noop, { connection: engine, autorun: false });
    expect(validationPath(() => worker.close({ timeout: -5 }))).toBe('timeout');
    await worker.close();
  });
});
