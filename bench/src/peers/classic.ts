/** The plain Kafka peer: a topic of JSON job records for a kafkajs classic consumer group. */
import { Kafka, logLevel } from 'kafkajs';
import type { BenchJobData } from '../procs/protocol.js';

export async function classicTopic(
  brokers: string[],
  topic: string,
  partitions: number,
  jobs: BenchJobData[],
  options: { create?: boolean } = {},
): Promise<void> {
  const kafka = new Kafka({ clientId: 'bench-classic-producer', brokers, logLevel: logLevel.NOTHING });
  if (options.create !== false) {
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
    } finally {
      await admin.disconnect();
    }
  }
  if (jobs.length === 0) return;
  const producer = kafka.producer();
  await producer.connect();
  try {
    for (let from = 0; from < jobs.length; from += 2_000) {
      const slice = jobs.slice(from, from + 2_000);
      // Round-robin over partitions, like Sharq's producer for key-less jobs.
      await producer.send({
        topic,
        acks: -1,
        messages: slice.map((data, k) => ({
          value: JSON.stringify(data),
          partition: (from + k) % partitions,
        })),
      });
    }
  } finally {
    await producer.disconnect();
  }
}
