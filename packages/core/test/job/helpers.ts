import type { Engine, OutgoingRecord, ProducedRecord } from '../../src/engine/engine.js';

/**
 * Wraps an engine so a test can make the n-th produce to a topic fail, as if the process died
 * right there (the produce does not happen).
 */
export function crashingEngine(inner: Engine): { engine: Engine; crashOn(topic: string, nth: number): void } {
  const plans = new Map<string, number>();
  const seen = new Map<string, number>();
  const engine = new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'produce') {
        return async (topic: string, records: OutgoingRecord[]): Promise<ProducedRecord[]> => {
          const count = (seen.get(topic) ?? 0) + 1;
          seen.set(topic, count);
          if (plans.get(topic) === count)
            // A failure from outside Sharq's error model (as a raw socket error would be), under its own code.
            throw Object.assign(new Error(`crash on produce #${count} to ${topic}`), { code: 'TEST_CRASH' });
          return target.produce(topic, records);
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return {
    engine,
    crashOn(topic, nth) {
      plans.set(topic, (seen.get(topic) ?? 0) + nth);
    },
  };
}
