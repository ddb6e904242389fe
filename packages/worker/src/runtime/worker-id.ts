import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** host:pid:random — unique per Worker instance even with several workers in one process. */
export function defaultWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}
