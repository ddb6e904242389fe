import {
  type DeliveredRecord,
  type JobEnvelope,
  type OutgoingRecord,
  decodeEnvelope,
  encodeEnvelope,
  routeDelayed,
} from '@sharq/core';
import { retriesInPlace } from '../ordering/ordered-consumer.js';
import { isInvalidRecordState, toError } from './errors.js';
import type { RuntimeContext } from './runtime-context.js';

/**
 * Hands acquired-but-unstarted records back to the queue at once (close(), or the acquire loop stopping
 * with records in hand), without costing their jobs an attempt.
 *
 * A RELEASE would be one ShareAcknowledge, but Kafka counted the delivery when the record was acquired and
 * RELEASE does not undo it (since 4.2 neither does closing the session): the job's next run would be
 * attempt n+1, and a record already at the group's delivery limit would be archived (lost to Sharq). So,
 * like the rate limiter's deferral, each job goes back as a copy with the attempts it really made, produced
 * in ONE batch to the queue topic, and the originals are then ACCEPTed (their acks share requests). The copy
 * is durable before the original is acknowledged: a crash in between duplicates a job, never loses one.
 * If the produce fails, the records are RELEASEd instead (an attempt burnt beats a job stranded until its
 * lock lapses). Records that are not Sharq envelopes are RELEASEd: the next worker dead-letters them.
 */
export async function handBackUnstarted<D, R>(
  ctx: RuntimeContext<D, R>,
  records: readonly DeliveredRecord[],
): Promise<void> {
  if (records.length === 0) return;
  const now = Date.now();
  if (retriesInPlace(ctx.consumer)) {
    // Key-ordered: a copy would go behind the key's later jobs. The record is made ready again in place
    // (still first in its key, its delivery count unchanged).
    for (const record of records) {
      try {
        ctx.consumer.retryAt(record, now, { countsAttempt: false });
      } catch (error) {
        if (!isInvalidRecordState(error)) ctx.emit('error', toError(error));
      }
    }
    return;
  }
  // Grouped by topic: with priority levels each copy returns to its own level's topic.
  const copies = new Map<string, { records: OutgoingRecord[]; originals: DeliveredRecord[] }>();
  const copied: DeliveredRecord[] = [];
  const release: DeliveredRecord[] = [];
  for (const record of records) {
    const decoded = decodeEnvelope(record);
    if (!decoded.ok) {
      release.push(record);
      continue;
    }
    const routed = routeDelayed(
      ctx.topology,
      encodeEnvelope(unstartedCopy(decoded.envelope, record)),
      now,
      now,
    );
    let group = copies.get(routed.topic);
    if (!group) {
      group = { records: [], originals: [] };
      copies.set(routed.topic, group);
    }
    group.records.push(routed.record);
    group.originals.push(record);
  }
  await Promise.all(
    [...copies].map(async ([topic, group]) => {
      try {
        await ctx.engine.produce(topic, group.records);
        copied.push(...group.originals);
      } catch (error) {
        ctx.emit('error', toError(error));
        release.push(...group.originals);
      }
    }),
  );
  await Promise.all([
    ...copied.map((record) => acknowledge(ctx, record, 'accept')),
    ...release.map((record) => acknowledge(ctx, record, 'release')),
  ]);
}

/**
 * The copy keeps the attempts made so far: this delivery never ran, so the attempts it counts are those of
 * earlier deliveries (deliveryCount - 1) on top of what the envelope already recorded.
 */
export function unstartedCopy(
  envelope: JobEnvelope,
  record: Pick<DeliveredRecord, 'deliveryCount'>,
): JobEnvelope {
  const copy: JobEnvelope = {
    ...envelope,
    attemptsMade: envelope.attemptsMade + Math.max(0, record.deliveryCount - 1),
  };
  // It was delivered from the queue topic, so it is due: no trip through the delay buckets.
  delete copy.dueAt;
  return copy;
}

async function acknowledge<D, R>(
  ctx: RuntimeContext<D, R>,
  { topic, partition, offset }: DeliveredRecord,
  type: 'accept' | 'release',
): Promise<void> {
  try {
    await ctx.consumer.acknowledge({ topic, partition, offset }, type);
  } catch (error) {
    // A RELEASE of a record whose lock lapsed: the broker already took it back, nothing to report. An ACCEPT
    // refused that way means the copy AND the original will run: say so.
    if (type === 'release' && isInvalidRecordState(error)) return;
    ctx.emit('error', toError(error));
  }
}
