/**
 * The compact batch record (version 2) that EventPublisher writes: one linger window of events as
 *
 *   {"v":2,"t":<ts of the first event>,"w":[workerIds],"n":[job names],"e":[entries]}
 *
 * `e` is one flat array. The two events a worker emits per job are written positionally, without key
 * names, worker id or job name repeated, and with times relative to `t`:
 *
 *   "a", jobId, ts − t, workerIdx, nameIdx, attempt, addedAt − t | null              active
 *   "c", jobId, ts − t, workerIdx, nameIdx, attempt, durationMs | null, result         completed with a result
 *   "C", jobId, ts − t, workerIdx, nameIdx, attempt, durationMs | null                 completed without one
 *
 * (workerIdx −1 = no worker id). Any other event is one entry: the event object itself, as in version 1.
 * Why: JSON objects with their key names per event were the largest part of a worker's event cost (one
 * JSON.stringify per event, ~150 bytes each written to the socket); one stringify of flat primitives per
 * record is a fraction of it. Decoding yields exactly the JobEvent objects version 1 carried.
 */
import { SharqError } from '../../errors.js';
import type { CompletedEvent, JobEvent } from './job-event.js';

export const COMPACT_BATCH_VERSION = 2;

/** An event (other than a completed job's result, which is dropped alone) that JSON cannot carry. */
export class UnserialisableEventError extends SharqError {
  constructor(event: JobEvent, cause: unknown) {
    super('EVENT_UNSERIALISABLE', `job event '${event.type}' of job '${event.jobId}' cannot be serialised`, {
      cause,
    });
  }
}

/** A result JSON would drop inside an object (kept out of the array, where it would become null). */
function droppedByJson(result: unknown): boolean {
  return result === undefined || typeof result === 'function' || typeof result === 'symbol';
}

/**
 * The value of one compact record for `events` (publish order). Results are serialised here, at seal
 * time, once for the whole record; a result that cannot be serialised (cycles, BigInt) is dropped from
 * its event alone, as version 1 did. Any other event JSON cannot carry is left out and handed to
 * `onDropped`, so one bad event never costs the window.
 */
export function encodeCompactBatch(
  events: readonly JobEvent[],
  onDropped: (error: UnserialisableEventError) => void = () => {},
): string {
  try {
    return JSON.stringify(compactBatch(events, undefined));
  } catch {
    return JSON.stringify(compactBatch(events, onDropped));
  }
}

/** `onDropped` given: the slow pass after a failed stringify, checking each event that may not serialise. */
function compactBatch(
  events: readonly JobEvent[],
  onDropped: ((error: UnserialisableEventError) => void) | undefined,
): object {
  const checkResults = onDropped !== undefined;
  const base = events[0]?.ts ?? 0;
  const workers: string[] = [];
  const names: string[] = [];
  const nameIndex = new Map<string, number>();
  let lastWorker: string | undefined;
  let lastWorkerIdx = -1;
  const entries: unknown[] = [];
  for (const event of events) {
    if (event.type !== 'active' && event.type !== 'completed') {
      if (onDropped) {
        try {
          JSON.stringify(event);
        } catch (error) {
          onDropped(new UnserialisableEventError(event, error));
          continue;
        }
      }
      entries.push(event);
      continue;
    }
    // A publisher's events nearly always carry one worker id: compare before searching the table.
    let workerIdx = -1;
    const worker = event.workerId;
    if (worker !== undefined) {
      if (worker !== lastWorker) {
        lastWorkerIdx = workers.indexOf(worker);
        if (lastWorkerIdx < 0) lastWorkerIdx = workers.push(worker) - 1;
        lastWorker = worker;
      }
      workerIdx = lastWorkerIdx;
    }
    let nameIdx = nameIndex.get(event.name);
    if (nameIdx === undefined) {
      nameIdx = names.push(event.name) - 1;
      nameIndex.set(event.name, nameIdx);
    }
    if (event.type === 'active') {
      const added = event.addedAt === undefined ? null : event.addedAt - base;
      entries.push('a', event.jobId, event.ts - base, workerIdx, nameIdx, event.attempt, added);
      continue;
    }
    const duration = event.durationMs ?? null;
    const result = checkResults ? serialisableResult(event) : event.result;
    if (droppedByJson(result)) {
      entries.push('C', event.jobId, event.ts - base, workerIdx, nameIdx, event.attempt, duration);
    } else {
      entries.push('c', event.jobId, event.ts - base, workerIdx, nameIdx, event.attempt, duration, result);
    }
  }
  return { v: COMPACT_BATCH_VERSION, t: base, w: workers, n: names, e: entries };
}

function serialisableResult(event: CompletedEvent): unknown {
  try {
    JSON.stringify(event.result);
    return event.result;
  } catch {
    return undefined;
  }
}

interface CompactRecord {
  t: number;
  w: unknown[];
  n: unknown[];
  e: unknown[];
}

function isCompactRecord(value: Record<string, unknown>): value is Record<string, unknown> & CompactRecord {
  return (
    typeof value.t === 'number' && Array.isArray(value.w) && Array.isArray(value.n) && Array.isArray(value.e)
  );
}

/**
 * The events of a compact record, in order. Entries this reader does not know end the record's
 * decoding (their width is unknown), so a later writer adds new positional kinds only behind a new version.
 */
export function decodeCompactBatch(
  value: Record<string, unknown>,
  asJobEvent: (entry: unknown) => JobEvent | undefined,
): JobEvent[] {
  if (!isCompactRecord(value)) return [];
  const { t: base, w: workers, n: names, e: entries } = value;
  const out: JobEvent[] = [];
  let i = 0;
  while (i < entries.length) {
    const kind = entries[i];
    if (kind !== 'a' && kind !== 'c' && kind !== 'C') {
      const event = asJobEvent(kind);
      if (event) out.push(event);
      i += 1;
      continue;
    }
    const jobId = entries[i + 1];
    const ts = entries[i + 2];
    const workerId = workers[entries[i + 3] as number];
    const name = names[entries[i + 4] as number];
    const attempt = entries[i + 5];
    const sixth = entries[i + 6];
    if (typeof jobId !== 'string' || typeof ts !== 'number' || typeof name !== 'string') break;
    if (typeof attempt !== 'number') break;
    const common = { jobId, ts: base + ts, ...(typeof workerId === 'string' ? { workerId } : {}) };
    if (kind === 'a') {
      out.push({
        type: 'active',
        ...common,
        name,
        attempt,
        ...(typeof sixth === 'number' ? { addedAt: base + sixth } : {}),
      });
      i += 7;
      continue;
    }
    out.push({
      type: 'completed',
      ...common,
      name,
      attempt,
      ...(kind === 'c' ? { result: entries[i + 7] } : {}),
      ...(typeof sixth === 'number' ? { durationMs: sixth } : {}),
    });
    i += kind === 'c' ? 8 : 7;
  }
  return out;
}
