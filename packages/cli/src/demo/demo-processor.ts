import { type Job, UnrecoverableError } from '@sharq/core';

/** What the demo's jobs carry: the kind decides how the processor behaves. */
export interface DemoJob {
  kind: 'ok' | 'flaky' | 'poison' | 'invalid-input' | 'slow';
  n: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A processor with every path a real queue sees: quick successes, a transient failure that
 * succeeds on retry, a poison job that fails every attempt (→ DLQ), input that can never work
 * (UnrecoverableError → DLQ at once), and slow jobs that outlive the lock (renewed, not re-run).
 */
export async function demoProcessor(job: Job<DemoJob>, context: { signal: AbortSignal }): Promise<string> {
  const { kind, n } = job.data;
  switch (kind) {
    case 'ok':
      await sleep(2 + (n % 5));
      return `ok #${n}`;
    case 'flaky':
      if (job.attempt < 2) throw new Error(`flaky #${n}: upstream timed out (attempt ${job.attempt})`);
      return `flaky #${n} recovered on attempt ${job.attempt}`;
    case 'poison':
      throw new Error(`poison #${n}: cannot parse invoice`);
    case 'invalid-input':
      throw new UnrecoverableError(`invalid-input #${n}: recipient address rejected`);
    case 'slow': {
      for (let step = 1; step <= 4; step++) {
        await sleep(400);
        if (context.signal.aborted) throw new Error('aborted');
        await job.updateProgress(step * 25);
      }
      return `slow #${n} done`;
    }
  }
}
