import { formatTable } from '../output.js';
import type { QueueStatus } from './queue-status.js';

const rate = (value: number | undefined) => (value === undefined ? '-' : value.toFixed(1));

export function renderQueueStatus(status: QueueStatus): string {
  const { counts } = status;
  const lines = [
    `queue ${status.queue}`,
    formatTable([
      ['waiting', 'active', 'delayed', 'dead', 'enqueued/s', 'settled/s'],
      [
        String(counts.waiting),
        String(counts.active),
        String(counts.delayed),
        String(counts.dead),
        rate(status.rates?.enqueuedPerSec),
        rate(status.rates?.settledPerSec),
      ],
    ]),
    ...byPriority(counts.waitingByPriority),
    '',
    formatTable([
      ['partition', 'SPSO', 'end offset', 'lag'],
      ...status.partitions.map((p) => [
        String(p.partition),
        String(p.startOffset),
        String(p.endOffset),
        String(p.lag),
      ]),
    ]),
    '',
  ];
  if (status.workers.length === 0) lines.push('no live workers');
  else {
    lines.push(
      formatTable([
        ['worker', 'host', 'pid', 'concurrency', 'jobs held', 'last heartbeat', 'state'],
        ...status.workers.map((w) => [
          w.workerId,
          w.host,
          String(w.pid),
          String(w.concurrency),
          String(w.jobs.length),
          `${((status.at - w.heartbeatAt) / 1000).toFixed(1)} s ago`,
          w.stale ? 'gone (its jobs return when their locks expire)' : 'live',
        ]),
      ]),
    );
  }
  return lines.join('\n');
}

/** A queue with priority levels: its waiting split per level (held jobs stay in their level's number). */
function byPriority(levels: readonly number[]): string[] {
  if (levels.length < 2) return [];
  return [
    '',
    formatTable([
      ['priority', ...levels.map((_, i) => String(i + 1))],
      ['unsettled', ...levels.map(String)],
    ]),
  ];
}
