/**
 * findJob: a job's timeline by id, from the queue's own topics — what `sharq job <queue> <id>` prints and
 * what the dashboard falls back to when its index does not know the id.
 *
 *   events topic   every event of the job (attempts, errors, completion, dead-lettering)
 *   queue topic    its record (key = job id): when it was added, under which name — read only when no
 *                  event carries the add time (a job that never started)
 *   delay buckets  the same, for a job added with a delay that has not reached the queue topic yet
 *
 * One paged pass over each topic (scanTopic); nothing is kept. Undefined when no topic knows the id.
 */
import type { Engine, StoredRecord } from '../engine/engine.js';
import { isKafkaProtocolError } from '../client/errors.js';
import { decodeEnvelope } from '../job/envelope.js';
import { decodeJobEvents, type JobEvent } from '../job/events/job-event.js';
import type { QueueTopology } from '../job/topology.js';
import { type AddedRecord, buildJobTimeline, type JobTimeline } from './job-timeline.js';
import { scanTopic } from './scan-topic.js';

export async function findJob(
  engine: Engine,
  topology: QueueTopology,
  jobId: string,
): Promise<JobTimeline | undefined> {
  const events: JobEvent[] = [];
  await scanOptional(engine, topology.eventsTopic, (records) => {
    for (const record of records) {
      // Batch records carry many jobs: decode all, keep this one's.
      for (const event of decodeJobEvents(record)) if (event.jobId === jobId) events.push(event);
    }
  });
  const fromEvents = buildJobTimeline(jobId, events);
  // Workers put the add time on each attempt's event; only a job that never started needs its record.
  if (fromEvents.addedAt !== undefined) return fromEvents;
  const added = await findAdded(engine, topology, jobId);
  if (events.length === 0 && !added) return undefined;
  return buildJobTimeline(jobId, events, added);
}

/** The earliest record of the job in the queue topic or a delay bucket (a retry's copy keeps the add time). */
async function findAdded(
  engine: Engine,
  topology: QueueTopology,
  jobId: string,
): Promise<AddedRecord | undefined> {
  let added: AddedRecord | undefined;
  const look = (records: StoredRecord[]) => {
    for (const record of records) {
      if (record.key?.toString('utf8') !== jobId) continue;
      const decoded = decodeEnvelope(record);
      if (!decoded.ok) continue;
      const { envelope } = decoded;
      if (!added || envelope.ts < added.ts)
        added = { name: envelope.name, ts: envelope.ts, dueAt: envelope.dueAt };
    }
  };
  await scanOptional(engine, topology.topic, look);
  if (!added) {
    for (const bucket of topology.delayBuckets) await scanOptional(engine, bucket.topic, look);
  }
  return added;
}

/** A topic that does not exist (a queue never fully provisioned) has nothing to say. */
async function scanOptional(
  engine: Engine,
  topic: string,
  onPage: (records: StoredRecord[]) => void,
): Promise<void> {
  try {
    await scanTopic(engine, topic, onPage);
  } catch (error) {
    if (isKafkaProtocolError(error) && error.code === 'UNKNOWN_TOPIC_OR_PARTITION') return;
    throw error;
  }
}
