/**
 * A worker's start-up check of the queue's ordering (core's ordering/ordering-mode.ts): a worker of the
 * other mode would consume the queue through another group and silently break the order (or run every job
 * twice), so it is refused with a QueueOrderingMismatchError that names the fix.
 *   share worker, queue recorded key-ordered            → refused
 *   key-ordered worker, nothing recorded, share members → refused (they would take jobs out of order)
 *   key-ordered worker, nothing recorded, no members    → records the queue as key-ordered, starts
 */
import {
  type Engine,
  QueueOrderingMismatchError,
  type QueueTopology,
  readQueueOrdering,
  recordKeyOrdering,
} from '@sharq/core';

export async function agreeOnOrdering(
  engine: Engine,
  topology: QueueTopology,
  ordering: 'share' | 'key',
  workerId: string,
): Promise<void> {
  const recorded = await readQueueOrdering(engine, topology);
  if (ordering === 'share') {
    if (!recorded) return;
    throw new QueueOrderingMismatchError(
      topology.queue,
      'key',
      'share',
      `the queue is key-ordered (recorded by ${recorded.by || 'unknown'} at ${new Date(recorded.at).toISOString()}); start the worker with ordering: 'key' (CLI: sharq worker --ordering key)`,
    );
  }
  if (recorded) return;
  // A group the broker does not know is described as 'Dead' with no members.
  const members = (await engine.describeShareGroup(topology.group)).members.length;
  if (members > 0) {
    throw new QueueOrderingMismatchError(
      topology.queue,
      'share',
      'key',
      `the queue is not key-ordered and ${members} share-group worker(s) consume it (group ${topology.group}); stop them and create the queue with new Queue(name, { ordering: 'key' }), or start this worker without ordering: 'key'`,
    );
  }
  await recordKeyOrdering(engine, topology, `worker:${workerId}`);
}
