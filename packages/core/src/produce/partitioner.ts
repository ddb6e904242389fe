/**
 * Which partition a record goes to: its explicit partition, else Kafka's default for a key (murmur2, the
 * same partition the Java client and kafkajs pick), else round-robin over the topic's partitions.
 */
import type { OutgoingRecord } from '../engine/engine.js';
import { partitionForKey } from '../engine/murmur2.js';
import { ProduceError } from './errors.js';

export class Partitioner {
  #next = 0;

  partitionOf(topic: string, record: OutgoingRecord, count: number): number {
    const partition = record.partition ?? this.#chosen(record.key ?? null, count);
    if (!Number.isInteger(partition) || partition < 0 || partition >= count) {
      throw new ProduceError(`partition ${partition} out of range for ${topic} (${count} partitions)`);
    }
    return partition;
  }

  #chosen(key: Buffer | string | null, count: number): number {
    // One partition (the default queue, the events topic): nothing to hash.
    if (count === 1) return 0;
    if (key !== null) return partitionForKey(typeof key === 'string' ? Buffer.from(key) : key, count);
    const partition = this.#next % count;
    this.#next = (this.#next + 1) % 0x4000_0000;
    return partition;
  }
}
