/**
 * Diagnostics (SHARQ_BENCH_COUNT_REQUESTS=1): counts the Kafka requests our client sends from this worker
 * process, per API, with their total round-trip time, by wrapping Cluster.prototype.send. kafkajs traffic
 * (produce, events) is not included. Printed to stderr when the process closes.
 */
import { Cluster } from '@sharq/core';

interface Tally {
  count: number;
  ms: number;
}

const tallies = new Map<string, Tally>();

export function countClusterRequests(): () => string {
  const original = Cluster.prototype.send;
  Cluster.prototype.send = function patched(this: Cluster, ...args: Parameters<Cluster['send']>) {
    const api = (args[1] as { name?: string }).name ?? 'unknown';
    const started = performance.now();
    const done = () => {
      const t = tallies.get(api) ?? { count: 0, ms: 0 };
      t.count++;
      t.ms += performance.now() - started;
      tallies.set(api, t);
    };
    const result = original.apply(this, args) as Promise<unknown>;
    result.then(done, done);
    return result as ReturnType<Cluster['send']>;
  } as Cluster['send'];
  return () =>
    [...tallies]
      .map(([api, t]) => `${api}: ${t.count} requests, mean ${(t.ms / t.count).toFixed(1)} ms`)
      .join('; ');
}
