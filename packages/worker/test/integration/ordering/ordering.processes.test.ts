/**
 * Key-ordered queue on the real broker, across processes: 100 keys × 100 jobs on 4 partitions, 4 worker
 * processes, one SIGKILLed mid-run. Per key the completions must be in add order; a job whose worker died
 * before its ACCEPT runs again on the partition's next owner, and so may the jobs of its key after it
 * (a repeated suffix): those are counted as duplicates, apart from the order check. None may be lost.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Queue } from '@sharq/core';
import { testBrokers, uniqueName } from '@sharq/testkit';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../helpers/kafka.js';

const packageDir = fileURLToPath(new URL('../../..', import.meta.url));
const childScript = fileURLToPath(new URL('../fixtures/ordered-child.mjs', import.meta.url));
const KEYS = 100;
const PER_KEY = 100;

const children: ChildProcess[] = [];
let queue: Queue | undefined;
afterEach(async () => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await queue?.close();
  queue = undefined;
});

beforeAll(() => {
  if (!existsSync(`${packageDir}/dist/index.js`)) {
    execFileSync('npx', ['tsc', '-p', `${packageDir}/tsconfig.json`], { stdio: 'inherit' });
  }
});

/**
 * Checks one key's completion sequence: every step is either the next job, or a step back to an earlier job
 * (a re-run after the crash) from which it goes on in order. Returns what went wrong, or undefined.
 */
/**
 * What a key's completions may look like. Each job's FIRST completion comes in add order, always: a member
 * starts a key's next job only after the previous one finished, and a new owner starts from the committed
 * offset, at or before the first unfinished job. Re-runs after a handover repeat a suffix; while the old
 * owner's running jobs finish, a re-run can interleave with them (README: "Crash behaviour").
 */
function firstsOutOfOrder(sequence: number[]): string | undefined {
  const firsts = [...new Set(sequence)];
  if (firsts.some((n, i) => n !== i + 1)) return `first completions out of order: ${firsts.join(',')}`;
  return undefined;
}

/** Completions that are neither the next job nor a re-run going back: an old owner's job interleaving. */
function interleaved(sequence: number[]): number {
  let count = 0;
  for (let i = 1; i < sequence.length; i++) {
    const previous = sequence[i - 1] as number;
    const current = sequence[i] as number;
    if (current > previous + 1) count++;
  }
  return count;
}

describe('key-ordered queue on Kafka, 4 worker processes, one SIGKILLed', () => {
  it('100 keys × 100 jobs: per key first completions in add order, none lost, duplicates and handover interleavings counted', {
    timeout: 300_000,
  }, async () => {
    const brokers = testBrokers();
    const name = uniqueName('ko-procs');
    queue = new Queue(name, {
      connection: { brokers, clientId: 'ko-procs' },
      ordering: 'key',
      partitions: 4,
    });
    const jobs = [];
    for (let n = 1; n <= PER_KEY; n++)
      for (let k = 0; k < KEYS; k++)
        jobs.push({ name: 'j', data: { key: `k${k}`, n }, opts: { orderingKey: `k${k}` } });
    await queue.addBulk(jobs);

    const sequences = new Map<string, number[]>();
    let total = 0;
    let ready = 0;
    for (let i = 0; i < 4; i++) {
      const child = spawn(process.execPath, [childScript, name, brokers.join(','), '10'], {
        cwd: packageDir,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.push(child);
      let rest = '';
      child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) {
          if (line === 'ready') ready++;
          const match = /^done (\S+) (\d+)$/.exec(line);
          if (!match) continue;
          const list = sequences.get(match[1] as string) ?? [];
          list.push(Number(match[2]));
          sequences.set(match[1] as string, list);
          total++;
        }
      });
    }
    await eventually(() => (ready === 4 ? true : undefined), 60_000);
    // Mid-run: 4 partitions among 4 members, so the first process owns partitions (and their keys).
    await eventually(() => (total >= 2_000 ? true : undefined), 120_000);
    const victim = children[0] as ChildProcess;
    victim.kill('SIGKILL');
    const killedAt = total;

    await eventually(() => {
      let complete = 0;
      for (const list of sequences.values()) complete += new Set(list).size;
      return complete >= KEYS * PER_KEY ? true : undefined;
    }, 240_000);

    const problems: string[] = [];
    let interleavings = 0;
    for (let k = 0; k < KEYS; k++) {
      const sequence = sequences.get(`k${k}`) ?? [];
      const problem = firstsOutOfOrder(sequence);
      if (problem) problems.push(`k${k}: ${problem}`);
      interleavings += interleaved(sequence);
      expect(new Set(sequence).size).toBe(PER_KEY);
    }
    expect(problems).toEqual([]);
    const duplicates = total - KEYS * PER_KEY;
    // An interleaving is an old owner's job finishing beside a re-run: there is none without a handover re-run.
    if (duplicates === 0) expect(interleavings).toBe(0);
    console.log(
      `ordering.processes: ${KEYS * PER_KEY} jobs, killed after ${killedAt} completions, ${duplicates} duplicates, ${interleavings} interleaved completions at handovers`,
    );
  });
});
