/**
 * A consumer process killed with SIGKILL (no close, no acks): the broker gets its records back once their
 * locks lapse (or the connection drops), and the surviving consumer processes all of them. Nothing lost.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testBrokers } from '@sharq/testkit';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveredRecord } from '../../../../src/engine/engine.js';
import { type ShareFixture, pollUntil, shareFixture, text } from './helpers.js';

const here = dirname(fileURLToPath(import.meta.url));
const coreDir = resolve(here, '../../../..');
const distDir = join(coreDir, 'dist');
const builtConsumer = join(distDir, 'share/consumer/share-consumer.js');
const sourceDirs = ['src/share/consumer', 'src/client', 'src/protocol/records'].map((d) => join(coreDir, d));

function newestSource(): number {
  let newest = 0;
  for (const dir of sourceDirs) {
    for (const name of readdirSync(dir)) {
      if (name.endsWith('.ts')) newest = Math.max(newest, statSync(join(dir, name)).mtimeMs);
    }
  }
  return newest;
}

/** The child runs the built package: build it when missing or older than the sources it runs. */
function ensureBuilt(): void {
  if (existsSync(builtConsumer) && statSync(builtConsumer).mtimeMs >= newestSource()) return;
  try {
    execFileSync('npx', ['tsc', '-p', join(coreDir, 'tsconfig.json')], { cwd: coreDir, stdio: 'pipe' });
  } catch {
    // Type errors elsewhere in the package still emit JavaScript; the check below decides.
  }
  if (!existsSync(builtConsumer)) throw new Error(`build of @sharq/core produced no ${builtConsumer}`);
}

function startChild(fx: ShareFixture, hold: number): { child: ChildProcess; held: Promise<number[]> } {
  const child = spawn(
    process.execPath,
    [join(here, 'crash-child.mjs'), distDir, testBrokers().join(','), fx.groupId, fx.topic, String(hold)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const held = new Promise<number[]>((resolvePromise, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = /HELD ([\d,]+)\n/.exec(out);
      if (line) resolvePromise((line[1] as string).split(',').map(Number));
    });
    child.on('exit', (code) => reject(new Error(`crash child exited early (${code})`)));
  });
  return { child, held };
}

describe('share consumer: a consumer killed without closing', () => {
  let fx: ShareFixture | undefined;
  let child: ChildProcess | undefined;
  beforeAll(ensureBuilt, 120_000);
  afterEach(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    child = undefined;
    await fx?.close();
    fx = undefined;
  });

  it('its records come back to the others after the lock expires; nothing is lost', async () => {
    fx = await shareFixture({ prefix: 'crash', group: { lockDurationMs: 2000 } });
    const total = 20;
    await fx.produce(Array.from({ length: total }, (_, i) => `job-${i}`));
    const started = startChild(fx, 5);
    child = started.child;
    const held = await started.held;
    expect(held.length).toBe(5);
    child.kill('SIGKILL');

    const survivor = fx.consumer();
    const delivered = new Map<number, DeliveredRecord>();
    await pollUntil(survivor, total, 20_000, async (r) => {
      delivered.set(r.offset, r);
      await survivor.acknowledge(r, 'accept');
    });
    expect([...delivered.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i));
    for (const offset of held) {
      const again = delivered.get(offset) as DeliveredRecord;
      expect(text(again)).toBe(`job-${offset}`);
      expect(again.deliveryCount).toBeGreaterThanOrEqual(2);
    }
  }, 90_000);
});
