/**
 * The idempotent producer's identity: a producer id and epoch from InitProducerId, and the next sequence
 * number of every partition it writes to. The broker keeps the last batches' sequences per producer and
 * partition, so a batch re-sent after a lost answer is recognised and written once.
 */

/** What InitProducerId answers. */
export interface ProducerIdAndEpoch {
  producerId: number;
  producerEpoch: number;
}

const MAX_SEQUENCE = 0x7fff_ffff;

export class ProducerIdentity {
  #current: ProducerIdAndEpoch | undefined;
  #initializing: Promise<ProducerIdAndEpoch> | undefined;
  readonly #sequences = new Map<string, number>();

  constructor(private readonly initProducerId: () => Promise<ProducerIdAndEpoch>) {}

  /** The current id and epoch, asking the broker for new ones first if there are none. */
  ready(): Promise<ProducerIdAndEpoch> {
    if (this.#current) return Promise.resolve(this.#current);
    this.#initializing ??= this.initProducerId().then(
      (identity) => {
        this.#initializing = undefined;
        this.#current = identity;
        return identity;
      },
      (error: unknown) => {
        this.#initializing = undefined;
        throw error;
      },
    );
    return this.#initializing;
  }

  /** The base sequence of the next `count` records of a partition (`partitionKey`); advances it. */
  take(partitionKey: string, count: number): number {
    const base = this.#sequences.get(partitionKey) ?? 0;
    // Kafka's sequences wrap at int32's maximum back to 0.
    this.#sequences.set(partitionKey, (base + count) % (MAX_SEQUENCE + 1));
    return base;
  }

  /**
   * The broker refused a batch without writing it (a non-retriable error): its sequences are free again.
   * Only valid while no later batch of that partition was sent, which the producer's one request round at
   * a time guarantees.
   */
  giveBack(partitionKey: string, baseSequence: number): void {
    this.#sequences.set(partitionKey, baseSequence);
  }

  /**
   * The broker lost or fenced our sequences (UNKNOWN_PRODUCER_ID, OUT_OF_ORDER_SEQUENCE_NUMBER, a fenced
   * epoch): start over with a new producer id, every partition from sequence 0. A batch re-sent under the
   * new id is written again if the old one was in fact written: at least once, never lost.
   */
  reset(): void {
    this.#current = undefined;
    this.#sequences.clear();
  }
}
