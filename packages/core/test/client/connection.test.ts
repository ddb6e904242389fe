import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BrokerConnectionError, Connection, type ConnectionOptions } from '../../src/client/connection.js';
import { ClosedError, TimeoutError } from '../../src/errors.js';
import { metadataV12 } from '../../src/protocol/apis/metadata/index.js';
import type { MetadataRequest, MetadataResponse } from '../../src/protocol/apis/metadata/types.js';
import { FakeBroker, type FakeRequest } from './fake-broker.js';

const ZERO = 'AAAAAAAAAAAAAAAAAAAAAA';
const ask = (name: string): MetadataRequest => ({
  topics: [{ topicId: ZERO, name }],
  allowAutoTopicCreation: false,
  includeTopicAuthorizedOperations: false,
});
/** The fake echoes the asked topic name back in clusterId, so each answer is recognisable. */
const askedName = (request: FakeRequest): string => (request.body as MetadataRequest).topics?.[0]?.name ?? '';

let broker: FakeBroker;
const open: Connection[] = [];

async function connect(overrides: Partial<ConnectionOptions> = {}): Promise<Connection> {
  const connection = new Connection({
    host: '127.0.0.1',
    port: broker.port,
    clientId: 'test',
    connectTimeoutMs: 5000,
    requestTimeoutMs: 5000,
    sweepIntervalMs: 10,
    ...overrides,
  });
  open.push(connection);
  await connection.connect();
  return connection;
}

function echo(request: FakeRequest): MetadataResponse {
  return { ...broker.metadata([]), clusterId: askedName(request) };
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  await broker?.close();
});

describe('Connection', () => {
  it('pipelines many requests and matches answers by correlation id, even out of order', async () => {
    broker = await new FakeBroker().listen();
    const held: FakeRequest[] = [];
    broker.on(3, (request) => {
      held.push(request);
      if (held.length === 50) {
        // Answer all 50 at once, newest first, in one coalesced write.
        const frames = held.reverse().map((r) => broker.encode(r, echo(r)));
        request.socket.write(Buffer.concat(frames));
      }
      return undefined;
    });
    const connection = await connect();
    const names = Array.from({ length: 50 }, (_, i) => `topic-${i}`);
    const answers = await Promise.all(names.map((name) => connection.request(metadataV12, ask(name))));
    expect(answers.map((a) => a.clusterId)).toEqual(names);
    expect(new Set(broker.requests.map((r) => r.correlationId)).size).toBe(50);
    expect(connection.pendingRequests).toBe(0);
  });

  it('reassembles answers the broker sends one byte at a time', async () => {
    broker = await new FakeBroker().listen();
    let writing = Promise.resolve();
    broker.on(3, (request) => {
      const bytes = broker.encode(request, echo(request));
      // Chained so the two answers' bytes do not interleave.
      writing = writing.then(async () => {
        for (const byte of bytes) {
          request.socket.write(Buffer.from([byte]));
          await new Promise((resolve) => setImmediate(resolve));
        }
      });
      return undefined;
    });
    const connection = await connect();
    const [a, b] = await Promise.all([
      connection.request(metadataV12, ask('first')),
      connection.request(metadataV12, ask('second')),
    ]);
    expect([a.clusterId, b.clusterId]).toEqual(['first', 'second']);
  });

  it('times out one request, drops its late answer, and stays usable', async () => {
    broker = await new FakeBroker().listen();
    let slow: FakeRequest | undefined;
    broker.on(3, (request) => {
      if (askedName(request) === 'slow') {
        slow = request;
        return undefined;
      }
      return echo(request);
    });
    const connection = await connect();
    const slowAnswer = connection.request(metadataV12, ask('slow'), 30);
    await expect(slowAnswer).rejects.toThrow(TimeoutError);
    await expect(slowAnswer).rejects.toThrow(/Metadata v12 .* timed out after 30 ms/);
    // The late answer arrives before the next one; it must be dropped, not handed to the next request.
    slow!.socket.write(broker.encode(slow!, { ...broker.metadata([]), clusterId: 'late' }));
    const next = await connection.request(metadataV12, ask('next'));
    expect(next.clusterId).toBe('next');
    expect(connection.isReady).toBe(true);
  });

  it('rejects every in-flight request with BrokerConnectionError when the socket dies', async () => {
    broker = await new FakeBroker().listen();
    broker.on(3, (request) => {
      if (askedName(request) === 'die') request.socket.destroy();
      return undefined;
    });
    const closes: (Error | undefined)[] = [];
    const connection = await connect({ onClose: (error) => closes.push(error) });
    const inFlight = ['a', 'b', 'c', 'die'].map((name) => connection.request(metadataV12, ask(name)));
    const results = await Promise.allSettled(inFlight);
    for (const result of results) {
      expect(result.status).toBe('rejected');
      const error = (result as PromiseRejectedResult).reason;
      expect(error).toBeInstanceOf(BrokerConnectionError);
      expect(error).toMatchObject({ code: 'CONNECTION', requestSent: true, broker: broker.address });
    }
    expect(connection.isReady).toBe(false);
    expect(closes).toHaveLength(1);
    await expect(connection.request(metadataV12, ask('after'))).rejects.toMatchObject({ requestSent: false });
  });

  it('queues writes behind a full socket buffer and sends them after drain, in order', async () => {
    broker = await new FakeBroker().listen();
    broker.on(3, (request) => echo(request));
    const connection = await connect();
    const huge: MetadataRequest = {
      topics: Array.from({ length: 200_000 }, (_, i) => ({ topicId: ZERO, name: `t${i}` })),
      allowAutoTopicCreation: false,
      includeTopicAuthorizedOperations: false,
    };
    const answers = await Promise.all([
      connection.request(metadataV12, huge),
      ...['x', 'y', 'z'].map((name) => connection.request(metadataV12, ask(name))),
    ]);
    expect(answers.map((a) => a.clusterId)).toEqual(['t0', 'x', 'y', 'z']);
  });

  it('close() rejects in-flight requests with ClosedError', async () => {
    broker = await new FakeBroker().listen();
    broker.on(3, () => undefined);
    const connection = await connect();
    const pending = connection.request(metadataV12, ask('never')).catch((error: unknown) => error);
    await connection.close();
    expect(await pending).toBeInstanceOf(ClosedError);
    await expect(connection.request(metadataV12, ask('after'))).rejects.toThrow(ClosedError);
  });

  it('fails connect() with a ConnectionError when nothing listens', async () => {
    broker = await new FakeBroker().listen();
    const port = broker.port;
    await broker.close();
    const connection = new Connection({
      host: '127.0.0.1',
      port,
      clientId: 'test',
      connectTimeoutMs: 2000,
      requestTimeoutMs: 1000,
    });
    await expect(connection.connect()).rejects.toMatchObject({ code: 'CONNECTION' });
  });
  it('writes a request issued inside a long promise chain before the chain ends', async () => {
    // A worker's fast jobs start each other inside one microtask run; a fetch issued at its start must
    // leave then, not once the run is over (process.nextTick would wait for the whole run).
    broker = await new FakeBroker().listen();
    broker.on(3, (request) => echo(request));
    const connection = await connect();
    const uncork = vi.spyOn(net.Socket.prototype, 'uncork');
    try {
      let writtenAtStep: number | undefined;
      let answer: Promise<MetadataResponse> | undefined;
      let chain = Promise.resolve();
      for (let step = 0; step < 1_000; step++) {
        chain = chain.then(() => {
          if (step === 0) answer = connection.request(metadataV12, ask('in-chain'));
          else if (writtenAtStep === undefined && uncork.mock.calls.length > 0) writtenAtStep = step;
        });
      }
      await chain;
      expect(writtenAtStep).toBeDefined();
      expect(writtenAtStep).toBeLessThan(10);
      expect((await answer)?.clusterId).toBe('in-chain');
    } finally {
      uncork.mockRestore();
    }
  });
});
