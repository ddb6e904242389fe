import { TestkitError } from '../errors.js';

/** Splits a `host:port` broker address (IPv6 hosts in brackets keep them); throws on anything else. */
export function splitHostPort(broker: string): { host: string; port: number } {
  const separator = broker.lastIndexOf(':');
  const port = Number(broker.slice(separator + 1));
  if (separator <= 0 || !Number.isInteger(port) || port <= 0 || port > 65_535) {
    throw new TestkitError('KAFKA_PROBE_FAILED', `broker address "${broker}" is not host:port`);
  }
  return { host: broker.slice(0, separator).replace(/^\[(.*)\]$/, '$1'), port };
}
