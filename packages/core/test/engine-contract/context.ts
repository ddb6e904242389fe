import type {
  Engine,
  ProducedRecord,
  ShareConsumer,
  ShareGroupConfig,
  Subscription,
} from '../../src/engine/engine.js';

/** What every contract case gets: the engine under test and helpers that clean up after the case. */
export interface ContractContext {
  /** The engine under test (valid inside a case). */
  readonly engine: Engine;
  /** share.record.lock.duration.ms of the groups `setup` creates. */
  readonly lockMs: number;
  /** How long a case waits for something that should happen "soon" (a join, a DLQ write). */
  readonly settleMs: number;
  /** A fresh topic and a share group configured to read it from the earliest offset with `lockMs`. */
  setup(partitions?: number, config?: ShareGroupConfig): Promise<{ topic: string; group: string }>;
  /** A share consumer closed after the case. */
  consumer(groupId: string, topic: string): ShareConsumer;
  /** Closes the subscription after the case. */
  keep(subscription: Subscription): Subscription;
  produceValues(topic: string, values: string[]): Promise<ProducedRecord[]>;
}
