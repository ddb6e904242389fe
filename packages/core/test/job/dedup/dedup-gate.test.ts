import { describe, expect, it } from 'vitest';
import { EmbeddedEngine } from '../../../src/embedded/index.js';
import type { Engine } from '../../../src/engine/engine.js';
import { DedupClaimTimeoutError, DedupGate, type JobEnvelope, queueTopology } from '../../../src/index.js';

const envelope = (id: string, key: string): JobEnvelope => ({
  v: 1,
  id,
  name: 'n',
  data: null,
  opts: { attempts: 1, dedup: { key, token: `t-${id}` } },
  attemptsMade: 0,
  ts: Date.now(),
});

describe('DedupGate', () => {
  it('one produce for a batch of claims; verdicts in input order', async () => {
    const engine = new EmbeddedEngine();
    let produces = 0;
    const gate = new DedupGate(engine, queueTopology('g1'), (topic, records) => {
      produces++;
      return engine.produce(topic, records);
    });
    const verdicts = await gate.claim([
      envelope('a', 'job:x'),
      envelope('b', 'job:y'),
      envelope('c', 'job:x'),
    ]);
    expect(produces).toBe(1);
    expect(verdicts.map((v) => v.won)).toEqual([true, true, false]);
    expect(verdicts[2]).toMatchObject({ won: false, existing: { id: 'a' } });
    await gate.close();
    await engine.close();
  });

  it('a claim that never comes back through the tail fails the add with DEDUP_CLAIM_TIMEOUT (no hang)', async () => {
    const inner = new EmbeddedEngine();
    const deaf: Engine = Object.assign(Object.create(inner) as Engine, {
      tail: () => ({ close: async () => {} }),
    });
    const gate = new DedupGate(deaf, queueTopology('g2'), undefined, 200);
    const claim = gate.claim([envelope('a', 'job:x')]);
    await expect(claim).rejects.toBeInstanceOf(DedupClaimTimeoutError);
    await expect(claim).rejects.toMatchObject({ code: 'DEDUP_CLAIM_TIMEOUT', key: 'job:x' });
    await gate.close();
    await inner.close();
  });
});
