import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePorts } from '../../src/kafka/free-port.js';
import { redisAnswers } from '../../src/redis/redis-ping.js';

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function fakeServer(reply: string): Promise<number> {
  server = createServer((socket) => socket.once('data', () => socket.end(reply)));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  return address.port;
}

describe('redisAnswers', () => {
  it('is true for a +PONG and for an -NOAUTH error reply', async () => {
    expect(await redisAnswers('127.0.0.1', await fakeServer('+PONG\r\n'))).toBe(true);
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    expect(await redisAnswers('127.0.0.1', await fakeServer('-NOAUTH Authentication required.\r\n'))).toBe(
      true,
    );
  });

  it('is false for something that is not Redis', async () => {
    expect(await redisAnswers('127.0.0.1', await fakeServer('HTTP/1.1 400 Bad Request\r\n\r\n'))).toBe(false);
  });

  it('is false when nothing listens', async () => {
    const [port] = await freePorts(1);
    expect(await redisAnswers('127.0.0.1', port!)).toBe(false);
  });
});
