/**
 * The in-flight window of one share-partition: a state per offset in [SPSO, SPEO), with running
 * counts of Available and settled (Acknowledged/Archived) records so lag and "anything to
 * re-acquire?" are O(1). Offsets below SPSO are settled and forgotten; SPSO advances past leading
 * settled records. The array is compacted lazily, so advancing is amortised O(1).
 */
export const AVAILABLE = 0;
export const ACQUIRED = 1;
export const ACKNOWLEDGED = 2;
export const ARCHIVED = 3;
export type RecordState = typeof AVAILABLE | typeof ACQUIRED | typeof ACKNOWLEDGED | typeof ARCHIVED;

export interface InFlight {
  state: RecordState;
  deliveryCount: number;
  owner: string | null;
  lockExpiresAt: number;
}

const COMPACT_AT = 1024;

const isSettled = (state: RecordState): boolean => state === ACKNOWLEDGED || state === ARCHIVED;

export class InFlightWindow {
  private entries: InFlight[] = [];
  /** Index in `entries` of the SPSO record. */
  private head = 0;
  private spso: number;
  private availableCount = 0;
  private settledCount = 0;

  constructor(startOffset: number) {
    this.spso = startOffset;
  }

  /** SPSO. */
  get start(): number {
    return this.spso;
  }

  /** SPEO: one past the last offset ever acquired. */
  get end(): number {
    return this.spso + (this.entries.length - this.head);
  }

  get available(): number {
    return this.availableCount;
  }

  get settled(): number {
    return this.settledCount;
  }

  at(offset: number): InFlight | undefined {
    if (offset < this.spso) return undefined;
    return this.entries[this.head + (offset - this.spso)];
  }

  /** Visit in-window records in offset order until `visit` returns false. */
  scan(visit: (entry: InFlight, offset: number) => boolean): void {
    const entries = this.entries;
    const base = this.spso - this.head;
    for (let i = this.head; i < entries.length; i++) {
      if (!visit(entries[i]!, base + i)) return;
    }
  }

  /** Extend the window by one never-delivered record (state Available, count 0); returns it. */
  extend(): InFlight {
    const entry: InFlight = { state: AVAILABLE, deliveryCount: 0, owner: null, lockExpiresAt: 0 };
    this.entries.push(entry);
    this.availableCount++;
    return entry;
  }

  /** Bookkeeping for a state change of an in-window record. */
  transition(entry: InFlight, to: RecordState): void {
    const from = entry.state;
    if (from === AVAILABLE) this.availableCount--;
    else if (isSettled(from)) this.settledCount--;
    if (to === AVAILABLE) this.availableCount++;
    else if (isSettled(to)) this.settledCount++;
    entry.state = to;
    if (to !== ACQUIRED) entry.owner = null;
  }

  /** Move SPSO past leading settled records. Returns true if it moved. */
  advance(): boolean {
    const start = this.head;
    const entries = this.entries;
    while (this.head < entries.length && isSettled(entries[this.head]!.state)) this.head++;
    const moved = this.head - start;
    if (moved === 0) return false;
    this.spso += moved;
    this.settledCount -= moved;
    this.compact();
    return true;
  }

  /** The log start moved past SPSO (truncation): offsets below it leave the window, settled or not. */
  dropBelow(offset: number): void {
    if (offset <= this.spso) return;
    const drop = Math.min(this.entries.length - this.head, offset - this.spso);
    for (let i = this.head; i < this.head + drop; i++) {
      const state = this.entries[i]!.state;
      if (state === AVAILABLE) this.availableCount--;
      else if (isSettled(state)) this.settledCount--;
    }
    this.head += drop;
    this.spso = offset;
    this.advance();
    this.compact();
  }

  private compact(): void {
    if (this.head === this.entries.length) {
      this.entries = [];
      this.head = 0;
    } else if (this.head >= COMPACT_AT && this.head * 2 >= this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }
}
