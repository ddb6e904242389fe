/**
 * Every worker runs its queue's SchedulerRunner (core/job/schedule): the one holding the lease fires the
 * schedulers' jobs, the others stand by to take over within a few seconds if it dies. Started once the
 * worker is connected; stopped (lease released for a prompt handover) when it closes.
 */
import { type Engine, type QueueTopology, SchedulerRunner } from '@sharq/core';

export async function startSchedulerRunner(
  engine: Engine,
  topology: QueueTopology,
  workerId: string,
  onError: (error: Error) => void,
): Promise<SchedulerRunner> {
  const runner = new SchedulerRunner(engine, topology, { owner: workerId, onError });
  await runner.start();
  return runner;
}
