/**
 * The schedulers topic folded into memory: schedulers by id, the last fired marker of each, the current
 * lease. Fed record by record in log order (a readTopic or a tail), so every reader of the same log holds
 * the same book.
 */
import type { StoredRecord } from '../../engine/engine.js';
import { acceptLease } from './lease.js';
import {
  decodeScheduleRecord,
  type FiredMarker,
  type LeaseRecord,
  type SchedulerDefinition,
} from './scheduler-records.js';

export interface BookEntry {
  definition: SchedulerDefinition;
  /** The last marker of the current version (undefined before its first tick). */
  fired: FiredMarker | undefined;
}

export class SchedulerBook {
  readonly #definitions = new Map<string, SchedulerDefinition>();
  readonly #fired = new Map<string, FiredMarker>();
  #lease: LeaseRecord | undefined;
  /** Offset of the last record applied (-1 before any). */
  lastOffset = -1;

  apply(record: Pick<StoredRecord, 'key' | 'value' | 'offset'>): void {
    if (record.offset <= this.lastOffset) return;
    this.lastOffset = record.offset;
    const decoded = decodeScheduleRecord(record);
    if (!decoded) return;
    if (decoded.kind === 'lease') {
      if (acceptLease(this.#lease, decoded.value)) this.#lease = decoded.value;
      return;
    }
    const map = decoded.kind === 'scheduler' ? this.#definitions : this.#fired;
    if (decoded.value === null) map.delete(decoded.id);
    else (map as Map<string, SchedulerDefinition | FiredMarker>).set(decoded.id, decoded.value);
  }

  get lease(): LeaseRecord | undefined {
    return this.#lease;
  }

  get(id: string): BookEntry | undefined {
    const definition = this.#definitions.get(id);
    if (!definition) return undefined;
    const fired = this.#fired.get(id);
    return { definition, fired: fired?.version === definition.version ? fired : undefined };
  }

  entries(): BookEntry[] {
    return [...this.#definitions.keys()]
      .sort()
      .map((id) => this.get(id))
      .filter((entry): entry is BookEntry => entry !== undefined);
  }
}
