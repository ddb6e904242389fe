/**
 * Pauses or resumes a queue: the durable flag on the control topic (what every worker follows), then a
 * `paused` / `resumed` event on the events topic for QueueEvents. The flag is the fact; the event is
 * observability: a failed event write does not fail the call, it comes back as `eventError` to report.
 * Used by Queue.pause()/resume() and by the dashboard (which holds no Queue).
 */
import type { Engine } from '../../engine/engine.js';
import { encodeJobEvent } from '../events/job-event.js';
import type { QueueTopology } from '../topology.js';
import { writePauseState } from './pause-state.js';
import { provisionControlTopics } from './provision-control.js';
import { toError } from '../../errors.js';

export interface SetPausedResult {
  /** Set when the flag is written but the event is not (QueueEvents will not hear of it). */
  eventError?: Error;
}

export async function setQueuePaused(
  engine: Engine,
  topology: QueueTopology,
  paused: boolean,
  by: string,
): Promise<SetPausedResult> {
  await provisionControlTopics(engine, topology);
  await writePauseState(engine, topology, paused, by);
  const event = encodeJobEvent({ type: paused ? 'paused' : 'resumed', jobId: '', by, ts: Date.now() });
  try {
    await engine.produce(topology.eventsTopic, [event]);
    return {};
  } catch (error) {
    return { eventError: toError(error) };
  }
}
