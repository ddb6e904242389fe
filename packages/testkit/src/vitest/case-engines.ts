/**
 * An engine per test case: `const freshEngine = useCaseEngines(() => new EmbeddedEngine())` at the top of a
 * file (or a describe), then `freshEngine()` inside a case; every engine made during a case is closed after it.
 */
import { afterEach } from 'vitest';
import type { Closable } from './suite-engine.js';

export function useCaseEngines<E extends Closable>(make: () => E): () => E {
  const open: E[] = [];
  afterEach(async () => {
    for (const engine of open.splice(0)) await engine.close();
  });
  return () => {
    const engine = make();
    open.push(engine);
    return engine;
  };
}
