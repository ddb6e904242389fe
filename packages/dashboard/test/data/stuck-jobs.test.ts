import type { LiveWorker, PresenceJob } from '@sharq/core';
import { describe, expect, it } from 'vitest';
import { findStuckJobs } from '../../src/data/stuck-jobs.js';

const NOW = 1_000_000;

function worker(id: string, jobs: Partial<PresenceJob>[], stale = false): LiveWorker {
  return {
    v: 1,
    workerId: id,
    queue: 'q',
    host: 'h',
    pid: 1,
    concurrency: 4,
    startedAt: 0,
    heartbeatAt: NOW,
    heartbeatIntervalMs: 1_000,
    stale,
    jobs: jobs.map((j, n) => ({
      id: `job-${n}`,
      name: 'n',
      startedAt: NOW,
      attempt: 1,
      deliveryCount: 1,
      partition: 0,
      offset: n,
      ...j,
    })),
  };
}

describe('findStuckJobs', () => {
  it('flags jobs held past the threshold, redelivered jobs and jobs of gone workers, oldest first', () => {
    const stuck = findStuckJobs(
      [
        worker('fresh', [{ startedAt: NOW - 500 }]),
        worker('slow', [{ id: 'long', startedAt: NOW - 5_000 }]),
        worker('again', [{ id: 'redelivered', startedAt: NOW - 100, deliveryCount: 2 }]),
        worker('ghost', [{ id: 'orphan', startedAt: NOW - 200 }], true),
      ],
      NOW,
      1_000,
    );
    expect(stuck.map((s) => [s.jobId, s.reasons])).toEqual([
      ['long', ['held-long']],
      ['orphan', ['worker-gone']],
      ['redelivered', ['redelivered']],
    ]);
    expect(stuck[0]).toMatchObject({
      workerId: 'slow',
      heldMs: 5_000,
      since: NOW - 5_000,
      workerGone: false,
    });
    expect(stuck[1]?.workerGone).toBe(true);
  });

  it("drops a gone worker's job once its lock has expired (the broker hands it out again)", () => {
    const ghost = worker('ghost', [{ id: 'back', startedAt: NOW - 9_000, lockExpiresAt: NOW - 1 }], true);
    expect(findStuckJobs([ghost], NOW, 1_000)).toEqual([]);
  });

  it('is empty when every held job is young and first-delivered', () => {
    expect(findStuckJobs([worker('w', [{ startedAt: NOW - 10 }, { startedAt: NOW }])], NOW, 1_000)).toEqual(
      [],
    );
  });
});
