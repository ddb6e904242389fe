/**
 * Key-ordered queue on the real broker, across processes: 100 keys × 100 jobs on 4 partitions, 4 worker
 * processes, one SIGKILLed mid-run. Per key the completions must be in add order; a job whose worker died
 * before its ACCEPT runs again on the partition's next owner, and so may the jobs of its key after it
 * (a repeated suffix): those are counted as duplicates, apart from the order check. None may be lost.
 * Every handover (the members joining at the start, the survivors' rebalance after the kill) must keep
 * one job per key at a time: no two runs of one key overlap in time, and completions never interleave.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Queue } from '@sharq/core';
import { testBrokers, uniqueName } from '@sharq/testkit';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../helpers/kafka.js';
import { onLines } from '../../helpers/child-lines.js';

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
 * Each job's FIRST completion comes in add order, always: a member starts a key's next job only after the
 * previous one finished, and a new owner starts from the committed offset, at or before the first
 * unfinished job. Re-runs after a handover repeat a suffix of the key.
 */
function firstsOutOfOrder(sequence: number[]): string | undefined {
  const firsts = [...new Set(sequence)];
  if (firsts.some((n, i) => n !== i + 1)) return `first completions out of order: ${firsts.join(',')}`;
  return undefined;
}

/**
 * Completions that are neither the next job nor a re-run going back: an old owner's job finishing between
 * the new owner's re-runs (what a handover without a drain produced).
 */
function interleaved(sequence: number[]): number {
  let count = 0;
  for (let i = 1; i < sequence.length; i++) {
    const previous = sequence[i - 1] as number;
    const current = sequence[i] as number;
    if (current > previous + 1) count++;
  }
  return count;
}

interface Run {
  n: number;
  start: number;
  end: number;
}

/** Runs of one key that started before an earlier-started run of that key had ended (two at once). */
function overlaps(runs: Run[]): string[] {
  const sorted = [...runs].sort((a, b) => a.start - b.start);
  const found: string[] = [];
  let latest: Run | undefined;
  for (const run of sorted) {
    if (latest && run.start < latest.end) found.push(`${run.n} started while ${latest.n} ran`);
    if (!latest || run.end > latest.end) latest = run;
  }
  return found;
}

describe('key-ordered queue on Kafka, 4 worker processes, one SIGKILLed', () => {
  it('100 keys × 100 jobs: per key first completions in add order, one run at a time through every handover, none lost, duplicates counted', {
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
    const runs = new Map<string, Run[]>();
    let total = 0;
    let ready = 0;
    for (let i = 0; i < 4; i++) {
      const child = spawn(process.execPath, [childScript, name, brokers.join(','), '10'], {
        cwd: packageDir,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.push(child);
      onLines(child.stdout, (line) => {
        if (line === 'ready') ready++;
        const match = /^done (\S+) (\d+) (\S+) (\S+)$/.exec(line);
        if (!match) return;
        const key = match[1] as string;
        const n = Number(match[2]);
        const list = sequences.get(key) ?? [];
        list.push(n);
        sequences.set(key, list);
        const keyRuns = runs.get(key) ?? [];
        keyRuns.push({ n, start: Number(match[3]), end: Number(match[4]) });
        runs.set(key, keyRuns);
        total++;
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
    const concurrent: string[] = [];
    let interleavings = 0;
    for (let k = 0; k < KEYS; k++) {
      const sequence = sequences.get(`k${k}`) ?? [];
      const problem = firstsOutOfOrder(sequence);
      if (problem) problems.push(`k${k}: ${problem}`);
      interleavings += interleaved(sequence);
      for (const found of overlaps(runs.get(`k${k}`) ?? [])) concurrent.push(`k${k}: ${found}`);
      expect(new Set(sequence).size).toBe(PER_KEY);
    }
    const duplicates = total - KEYS * PER_KEY;
    console.log(
      `ordering.processes: ${KEYS * PER_KEY} jobs, killed after ${killedAt} completions, ${duplicates} duplicates, ${interleavings} interleaved completions, ${concurrent.length} runs overlapping another of their key${concurrent.length > 0 ? ` (${concurrent.slice(0, 5).join('; ')})` : ''}`,
    );
    expect(problems).toEqual([]);
    // The old owner drains before it rejoins (README "Crash behaviour"): a key never runs twice at once.
    expect(concurrent).toEqual([]);
    expect(interleavings).toBe(0);
  });
});
