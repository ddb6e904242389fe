/**
 * Priority levels of a queue with `priorities: N` (2..10). Level 1 is the highest. Each level above the
 * lowest is a topic of its own, `<prefix>.<q>.priority.<k>`, in the same share group; the lowest level is
 * the queue topic itself, so jobs without a priority, and every path that writes to the queue topic (replays,
 * scheduler ticks), land there, and a queue without priorities has exactly the topics it always had.
 *
 * A job's priority p (BullMQ: 1 = highest) maps to level min(p, N). The envelope keeps the level in
 * `opts.level` only when it is above the lowest; encodeEnvelope turns it into the header below, which the
 * delay route reads, so a delayed job, a retry with backoff and a handed-back copy return to their level.
 */
import type { QueueTopology } from '../topology.js';

export const MAX_PRIORITY_LEVELS = 10;
export const PRIORITY_LEVEL_HEADER = 'sharq-priority-level';

export function priorityTopic(topology: QueueTopology, level: number): string {
  return `${topology.topic}.priority.${level}`;
}

/** The topic a due job of `level` goes to (undefined: the lowest level, the queue topic). */
export function readyTopic(topology: QueueTopology, level: number | undefined): string {
  return level === undefined ? topology.topic : priorityTopic(topology, level);
}

/** Every level's topic, highest first; the last is the queue topic. */
export function levelTopics(topology: QueueTopology, levels: number): string[] {
  const topics: string[] = [];
  for (let level = 1; level < levels; level++) topics.push(priorityTopic(topology, level));
  topics.push(topology.topic);
  return topics;
}

/** The level kept in the envelope: undefined for the lowest level (or no priority). */
export function levelOf(priority: number | undefined, levels: number): number | undefined {
  if (priority === undefined) return undefined;
  const level = Math.min(priority, levels);
  return level < levels ? level : undefined;
}

/** The level named by a record's header, if it is one of ours. */
export function levelFromHeader(value: Buffer | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const level = Number(value.toString());
  return Number.isInteger(level) && level >= 1 && level < MAX_PRIORITY_LEVELS ? level : undefined;
}
