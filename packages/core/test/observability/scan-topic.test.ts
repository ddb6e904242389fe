import { useCaseEngines } from '@sharq/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { EmbeddedEngine } from '../../src/embedded/index.js';
import { scanTopic } from '../../src/index.js';

const freshEngine = useCaseEngines(() => new EmbeddedEngine());

describe('scanTopic', () => {
  it('hands every record of every partition once, one bounded page at a time', async () => {
    const engine = freshEngine();
    await engine.ensureTopic({ name: 'scan', partitions: 3 });
    const records = Array.from({ length: 12_001 }, (_, n) => ({ key: `k${n}`, value: String(n) }));
    await engine.produce('scan', records);
    const pages: number[] = [];
    const seen = new Set<string>();
    await scanTopic(
      engine,
      'scan',
      (page) => {
        pages.push(page.length);
        for (const r of page) seen.add(`${r.partition}:${r.offset}`);
      },
      5_000,
    );
    expect(Math.max(...pages)).toBeLessThanOrEqual(5_000);
    expect(pages.reduce((a, b) => a + b, 0)).toBe(12_001);
    expect(seen.size).toBe(12_001);
  });
});
