import { uniqueName } from '@sharq/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedEngine } from '../../../src/embedded/index.js';
import { decodeEnvelope, Queue, readQueueOrdering, ValidationError } from '../../../src/index.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

function queueOf(options: Record<string, unknown> = {}) {
  const engine = new EmbeddedEngine();
  const queue = new Queue(uniqueName('ord'), { connection: engine, ...options });
  open.push(queue, engine);
  return { engine, queue };
}

describe('key-ordered queues: options, records, mode, counts', () => {
  it('orderingKey becomes the record key and travels in the envelope', async () => {
    const { engine, queue } = queueOf({ ordering: 'key' });
    const job = await queue.add('a', { n: 1 }, { orderingKey: 'customer-7' });
    const plain = await queue.add('b', { n: 2 });
    const records = await engine.readTopic(queue.topology.topic);
    expect(records.map((r) => r.key?.toString())).toEqual(['customer-7', plain.id]);
    const decoded = decodeEnvelope(records[0] as { value: Buffer });
    expect(decoded.ok && decoded.envelope.opts.orderingKey).toBe('customer-7');
    expect(job.opts.orderingKey).toBe('customer-7');
  });

  it('orderingKey on a queue that is not key-ordered is a ValidationError naming the path', async () => {
    const { queue } = queueOf();
    const error = await queue.add('a', {}, { orderingKey: 'k' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).path).toBe('opts.orderingKey');
  });

  it("priorities and ordering: 'key' are refused together", () => {
    expect(() => queueOf({ ordering: 'key', priorities: 3 })).toThrow(ValidationError);
  });

  it('a key-ordered Queue records its mode on the control topic; a share-group Queue records nothing', async () => {
    const { engine, queue } = queueOf({ ordering: 'key' });
    await queue.waitUntilReady();
    expect(await readQueueOrdering(engine, queue.topology)).toMatchObject({ ordering: 'key', by: 'queue' });
    const share = new Queue(uniqueName('ord'), { connection: engine });
    open.unshift(share);
    await share.waitUntilReady();
    expect(await readQueueOrdering(engine, share.topology)).toBeUndefined();
  });

  it('getCounts: waiting is the ordered group’s lag', async () => {
    const { queue } = queueOf({ ordering: 'key' });
    await queue.addBulk([1, 2, 3].map((n) => ({ name: 'j', data: { n }, opts: { orderingKey: 'k' } })));
    expect(await queue.getCounts()).toMatchObject({ waiting: 3, active: 0 });
  });
});
