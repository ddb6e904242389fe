import { describe, expect, it } from 'vitest';
import type { JobEvent } from '../../src/index.js';
import { buildJobTimeline } from '../../src/index.js';

const id = 'job-1';
const at = (ts: number) => ({ jobId: id, ts });

describe('buildJobTimeline', () => {
  it('an attempt that failed, a retry that completed: two attempts with workers, errors and the add time', () => {
    const events: JobEvent[] = [
      { ...at(300), type: 'completed', name: 'send', attempt: 2, durationMs: 40, workerId: 'w2' },
      { ...at(100), type: 'active', name: 'send', attempt: 1, addedAt: 50, workerId: 'w1' },
      {
        ...at(150),
        type: 'failed',
        name: 'send',
        attempt: 1,
        error: 'boom',
        willRetry: true,
        workerId: 'w1',
      },
      { ...at(260), type: 'active', name: 'send', attempt: 2, addedAt: 50, workerId: 'w2' },
      { jobId: 'other', ts: 120, type: 'active', name: 'x', attempt: 1 },
    ];
    const t = buildJobTimeline(id, events);
    expect(t).toMatchObject({ jobId: id, name: 'send', state: 'completed', addedAt: 50 });
    expect(t.attempts).toEqual([
      expect.objectContaining({
        attempt: 1,
        workerId: 'w1',
        startedAt: 100,
        endedAt: 150,
        outcome: 'failed',
        error: 'boom',
        willRetry: true,
      }),
      expect.objectContaining({
        attempt: 2,
        workerId: 'w2',
        startedAt: 260,
        endedAt: 300,
        outcome: 'completed',
        durationMs: 40,
      }),
    ]);
    expect(t.entries.map((e) => e.type)).toEqual(['added', 'active', 'failed', 'active', 'completed']);
  });

  it('dead after its last attempt; running; never started', () => {
    const dead = buildJobTimeline(id, [
      { ...at(1), type: 'active', name: 'n', attempt: 1 },
      { ...at(2), type: 'failed', name: 'n', attempt: 1, error: 'bad', willRetry: false },
      { ...at(3), type: 'dead', name: 'n', reason: 'failed', error: 'bad' },
    ]);
    expect(dead.state).toBe('dead');
    expect(dead.entries.at(-1)?.detail).toBe('failed: bad');
    const running = buildJobTimeline(id, [{ ...at(1), type: 'active', name: 'n', attempt: 1 }]);
    expect(running.state).toBe('active');
    expect(running.attempts[0]?.outcome).toBe('running');
    const waiting = buildJobTimeline(id, [], { name: 'n', ts: 5 });
    expect(waiting).toMatchObject({ state: 'waiting', addedAt: 5, attempts: [] });
    const delayed = buildJobTimeline(id, [], { name: 'n', ts: 5, dueAt: 500 });
    expect(delayed.state).toBe('delayed');
    expect(buildJobTimeline(id, []).state).toBe('unknown');
  });

  it('a refused add (deduplicated) is a line of the job it names, with its deduplication id; the state stays', () => {
    const t = buildJobTimeline(
      id,
      [
        { ...at(100), type: 'active', name: 'send', attempt: 1, workerId: 'w1' },
        { ...at(120), type: 'deduplicated', name: 'send-again', deduplicationId: id },
        {
          ...at(130),
          type: 'deduplicated',
          name: 'other',
          deduplicationId: 'user-7',
          existingJobId: 'job-0',
        },
      ],
      { name: 'send', ts: 50 },
    );
    expect(t.state).toBe('active');
    expect(t.entries.filter((e) => e.type === 'deduplicated').map((e) => e.detail)).toEqual([
      `deduplication id ${id}`,
      'deduplication id user-7, resolved to job job-0',
    ]);
  });
});
