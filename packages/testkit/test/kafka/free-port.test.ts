import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePorts, isPortFree } from '../../src/kafka/free-port.js';

describe('freePorts', () => {
  it('returns the requested number of distinct, bindable ports', async () => {
    const ports = await freePorts(3);
    expect(ports).toHaveLength(3);
    expect(new Set(ports).size).toBe(3);
    for (const port of ports) {
      expect(port).toBeGreaterThan(0);
      expect(await isPortFree(port)).toBe(true);
    }
  });
});

describe('isPortFree', () => {
  it('is false while something listens on the port and true after it closes', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no address');
    expect(await isPortFree(address.port)).toBe(false);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(await isPortFree(address.port)).toBe(true);
  });
});
