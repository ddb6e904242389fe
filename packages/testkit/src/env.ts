/**
 * Where integration tests find their services. The vitest global setup starts a broker
 * and exports SHARQ_KAFKA_BROKERS; a user can set it beforehand to use their own broker.
 */
export function testBrokers(): string[] {
  const value = process.env.SHARQ_KAFKA_BROKERS;
  if (!value) {
    throw new Error(
      'SHARQ_KAFKA_BROKERS is not set: run integration tests through vitest (its global setup starts Kafka) or point it at a broker',
    );
  }
  return value.split(',').map((broker) => broker.trim());
}

export function testRedisUrl(): string {
  return process.env.SHARQ_REDIS_URL ?? 'redis://127.0.0.1:6379';
}
