import { createServer, type Server } from 'node:net';

/**
 * Asks the OS for `count` distinct free TCP ports on `host`. All listeners stay open until every port is
 * known, so the ports differ from each other; another process may still grab one before the broker binds,
 * which the broker launcher handles by retrying with new ports.
 */
export async function freePorts(count: number, host = '127.0.0.1'): Promise<number[]> {
  const servers: Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < count; i++) {
      const server = createServer();
      servers.push(server);
      ports.push(await listenOnAnyPort(server, host));
    }
    return ports;
  } finally {
    await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  }
}

/** True when nothing listens on host:port right now. */
export async function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  const server = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port, host, exclusive: true }, () => resolve());
    });
    return true;
  } catch {
    // EADDRINUSE / EACCES: the answer is "not free", not a failure.
    return false;
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

function listenOnAnyPort(server: Server, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('no TCP address'));
      else resolve(address.port);
    });
  });
}
