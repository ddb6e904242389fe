/**
 * The job layer knows only the engine contract: following its runtime imports (type-only imports are erased)
 * never reaches kafkajs, the Kafka engine, the embedded engine or the composition root that builds them.
 */
import { readFileSync } from 'node:fs';
import { readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');
const FORBIDDEN = [/^kafkajs$/, /^kafka\//, /^embedded\//, /^connect\.ts$/];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? filesUnder(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** Specifiers a module loads at run time: import/export … from '…' and bare import '…', not `import type`. */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) {
    if (!m[1] && m[2]) out.push(m[2]);
  }
  return out;
}

/** Every module reached from `start`, as paths relative to src/ (or bare package names), with who imported it. */
function reach(start: string[]): Map<string, string> {
  const seen = new Map<string, string>();
  const queue = [...start];
  for (const file of start) seen.set(relative(SRC, file), '(job layer)');
  while (queue.length > 0) {
    const file = queue.shift() as string;
    for (const spec of runtimeImports(file)) {
      if (!spec.startsWith('.')) {
        if (!seen.has(spec)) seen.set(spec, relative(SRC, file));
        continue;
      }
      const target = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
      const key = relative(SRC, target);
      if (seen.has(key)) continue;
      seen.set(key, relative(SRC, file));
      queue.push(target);
    }
  }
  return seen;
}

describe('job layer boundary', () => {
  it('reaches neither kafkajs nor an engine implementation', () => {
    const reached = reach(filesUnder(join(SRC, 'job')));
    const offending = [...reached].filter(([module]) => FORBIDDEN.some((f) => f.test(module)));
    expect(offending.map(([module, from]) => `${module} (from ${from})`)).toEqual([]);
  });

  it('the walk sees runtime imports and skips type-only ones', () => {
    const reached = reach([join(SRC, 'job', 'queue', 'queue.ts')]);
    expect(reached.has('engine/connection.ts')).toBe(true);
    expect(reached.has(join('job', 'queue', 'queue-options.ts'))).toBe(true);
    expect(reached.has('connect.ts')).toBe(false);
  });
});
