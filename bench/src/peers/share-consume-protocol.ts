/**
 * A bare share consumer run in its own process (share-consume-proc.ts), so each system is measured alone:
 * its process CPU is its own, and SHARQ_BENCH_CPU_PROF can profile it. The parent sends the config as
 * argv[2] and receives one `result` (or `error`) message.
 */
export interface ShareConsumeConfig {
  /** Sharq's share consumer (through KafkaEngine, poll 500) or @kafkats/client's ShareConsumer.runEach. */
  system: 'sharq' | 'kafkats';
  /**
   * Sharq's ShareAcquireMode: 'batch_optimized' (whole log batches, what Java's and kafkats' consumers use
   * by default) or 'record_limit' (never more than poll() asked for: what the Worker uses). kafkats: its default.
   */
  acquireMode?: 'batch_optimized' | 'record_limit';
  brokers: string[];
  topic: string;
  /** Share group, already set to auto.offset.reset=earliest by the parent. */
  group: string;
  records: number;
  consumers: number;
  timeoutMs: number;
}

export interface ShareConsumeResult {
  /** Distinct offsets consumed (each acknowledged: explicitly for Sharq, on handler success for kafkats). */
  records: number;
  duplicates: number;
  ackErrors: number;
  /** From consumer creation (group join included) to the end of the run (see the peer's header). */
  ms: number;
  /** From the first delivered record to the end of the run. */
  steadyMs: number;
  /** Process CPU (user + system, every thread) over the same span as `ms`. */
  cpuMicros: number;
}

export type ShareConsumeMessage =
  | { type: 'result'; result: ShareConsumeResult }
  | { type: 'error'; message: string };

/** Counts distinct offsets per partition (duplicates apart) over a known number of records. */
export class OffsetTally {
  consumed = 0;
  duplicates = 0;
  private readonly seen = new Map<number, Uint8Array>();

  constructor(private readonly total: number) {}

  add(partition: number, offset: number): void {
    let bits = this.seen.get(partition);
    if (!bits) {
      bits = new Uint8Array(this.total + 1);
      this.seen.set(partition, bits);
    }
    if (offset < bits.length && bits[offset]) this.duplicates++;
    else {
      if (offset < bits.length) bits[offset] = 1;
      this.consumed++;
    }
  }
}
