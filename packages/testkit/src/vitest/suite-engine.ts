/**
 * The frame every contract suite needs (`@sharq/testkit/vitest`): one
 * engine for the whole `describe` (made in beforeAll, closed in afterAll), and whatever a case opens
 * (queues, consumers, workers, runners) closed after that case, last opened first, so a failing case
 * never leaks into the next. Call it inside the `describe`. A subpath of its own because it imports
 * vitest, which must not load outside a test run.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { TestkitError } from '../errors.js';

export interface Closable {
  close(): Promise<void>;
}

export interface SuiteEngine<E> {
  /** The suite's engine; read it inside hooks and cases (it is made in beforeAll). */
  readonly engine: E;
  /** Closes `value` after the current case; returns it. */
  track<T extends Closable>(value: T): T;
}

export function useSuiteEngine<E extends Closable>(make: () => Promise<E> | E): SuiteEngine<E> {
  let engine: E | undefined;
  const open: Closable[] = [];
  beforeAll(async () => {
    engine = await make();
  });
  afterEach(async () => {
    for (const item of open.splice(0).reverse()) await item.close();
  });
  afterAll(async () => {
    await engine?.close();
  });
  return {
    get engine(): E {
      if (engine === undefined)
        throw new TestkitError(
          'SUITE_ENGINE_NOT_READY',
          'useSuiteEngine: the engine is made in beforeAll; read it inside a hook or a case',
        );
      return engine;
    },
    track(value) {
      open.push(value);
      return value;
    },
  };
}
