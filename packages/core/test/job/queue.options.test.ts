import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EmbeddedEngine } from '../../src/embedded/index.js';
import { Queue, ValidationError } from '../../src/index.js';

const engines: EmbeddedEngine[] = [];
const newEngine = () => {
  const engine = new EmbeddedEngine();
  engines.push(engine);
  return engine;
};
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.close();
});

const validation = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
};

describe('Queue options', () => {
  it('rejects bad queue options with exact messages naming the path', () => {
    const connection = newEngine();
    const cases: [() => unknown, string, string][] = [
      [
        () => new Queue('bad.name', { connection }),
        'name',
        'name: must be 1-180 characters of [A-Za-z0-9_-] (got "bad.name")',
      ],
      [
        () => new Queue('', { connection }),
        'name',
        'name: must be 1-180 characters of [A-Za-z0-9_-] (got "")',
      ],
      [
        () => new Queue('q', { connection, partitions: 0 }),
        'options.partitions',
        'options.partitions: Too small: expected number to be >=1',
      ],
      [
        () => new Queue('q', { connection, lockDurationMs: 500 }),
        'options.lockDurationMs',
        'options.lockDurationMs: Too small: expected number to be >=1000',
      ],
      [
        // 25 is the most a broker lets any share group have (the Worker and the engines say the same).
        () => new Queue('q', { connection, deliveryCountLimit: 26 }),
        'options.deliveryCountLimit',
        'options.deliveryCountLimit: Too big: expected number to be <=25',
      ],
      [
        () => new Queue('q', { connection, prefix: 'a.b' }),
        'options.prefix',
        'options.prefix: prefix must be 1-60 characters of [A-Za-z0-9_-]',
      ],
      [
        () => new Queue('q', { connection, defaultJobOptions: { attempts: 0 } }),
        'options.defaultJobOptions.attempts',
        'options.defaultJobOptions.attempts: Too small: expected number to be >=1',
      ],
      [
        () => new Queue('q', { connection, schema: {} as z.ZodType }),
        'options.schema',
        'options.schema: schema must be a zod schema',
      ],
      [
        () => new Queue('q', { connection, bogus: 1 } as never),
        'options',
        'options: Unrecognized key: "bogus"',
      ],
      [
        () => new Queue('q', {} as never),
        'options.connection',
        'options.connection: connection is required: Kafka options ({ brokers }), { embedded: true } or an Engine',
      ],
      [
        () => new Queue('q', { connection: { embedded: 'yes' } as never }),
        'connection.embedded',
        'connection.embedded: must be true',
      ],
      [
        () => new Queue('q', { connection: { brokers: ['nope'] } }),
        'kafka.brokers[0]',
        'kafka.brokers[0]: broker must be host:port',
      ],
    ];
    for (const [fn, path, message] of cases) {
      const error = validation(fn);
      expect({ path: error.path, message: error.message }).toEqual({ path, message });
    }
  });

  it('rejects bad job input with exact messages; nothing is enqueued', async () => {
    const engine = newEngine();
    const Email = z.object({ to: z.email() });
    const queue = new Queue<z.infer<typeof Email>>('emails', { connection: engine, schema: Email });
    const cases: [() => Promise<unknown>, string, string][] = [
      [
        () => queue.add('', { to: 'a@b.co' }),
        'name',
        'name: Too small: expected string to have >=1 characters',
      ],
      [() => queue.add('w', { to: 'nope' }), 'data.to', 'data.to: Invalid email address'],
      [
        () => queue.add('w', { to: 'a@b.co' }, { attempts: 1.5 }),
        'opts.attempts',
        'opts.attempts: Invalid input: expected int, received number',
      ],
      [
        () => queue.add('w', { to: 'a@b.co' }, { delay: -1 }),
        'opts.delay',
        'opts.delay: Too small: expected number to be >=0',
      ],
      [
        () => queue.add('w', { to: 'a@b.co' }, { backoff: { type: 'fixed', jitter: 2 } }),
        'opts.backoff.jitter',
        'opts.backoff.jitter: Too big: expected number to be <=1',
      ],
      [
        () => queue.add('w', { to: 'a@b.co' }, { timeout: 0 }),
        'opts.timeout',
        'opts.timeout: Too small: expected number to be >0',
      ],
      [
        () => queue.add('w', { to: 'a@b.co' }, { jobId: '' }),
        'opts.jobId',
        'opts.jobId: Too small: expected string to have >=1 characters',
      ],
      [
        () =>
          queue.addBulk([
            { name: 'ok', data: { to: 'a@b.co' } },
            { name: 'bad', data: { to: 'x' } },
          ]),
        'jobs[1].data.to',
        'jobs[1].data.to: Invalid email address',
      ],
    ];
    for (const [fn, path, message] of cases) {
      const error = await fn().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ValidationError);
      expect({ path: (error as ValidationError).path, message: (error as ValidationError).message }).toEqual({
        path,
        message,
      });
    }
    await queue.waitUntilReady();
    expect(await engine.readTopic(queue.topology.topic)).toHaveLength(0);
    expect(queue.produceCalls).toBe(0);
    await queue.close();
  });

  it('rejects data that cannot be serialised', async () => {
    const queue = new Queue<unknown>('q', { connection: newEngine() });
    await expect(queue.add('n', { big: 1n })).rejects.toMatchObject({ code: 'VALIDATION', path: 'data' });
    await queue.close();
  });

  it('applies defaults: per-job options over defaultJobOptions, backoff shorthand', async () => {
    const engine = newEngine();
    const queue = new Queue<number>('q', {
      connection: engine,
      defaultJobOptions: { attempts: 4, backoff: 500, timeout: 1000 },
    });
    const a = await queue.add('a', 1);
    const b = await queue.add('b', 2, {
      attempts: 2,
      backoff: { type: 'exponential', delay: 10 },
      jobId: 'mine',
    });
    expect(a.opts).toEqual({ attempts: 4, backoff: { type: 'fixed', delay: 500 }, timeout: 1000 });
    expect(b.opts).toEqual({ attempts: 2, backoff: { type: 'exponential', delay: 10 }, timeout: 1000 });
    expect(b.id).toBe('mine');
    expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.attempt).toBe(1);
    expect(a.attemptsMade).toBe(0);
    await queue.close();
    await expect(queue.add('c', 3)).rejects.toMatchObject({ code: 'CLOSED' });
  });
});
