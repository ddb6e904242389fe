/**
 * Vitest global setup for integration tests (`globalSetup: ['@sharq/testkit/global-setup']`): uses the
 * broker in SHARQ_KAFKA_BROKERS if set, else starts one for the run and exports SHARQ_KAFKA_BROKERS to the
 * test workers; makes sure Redis answers; releases what it started at teardown.
 */
import { startTestServices } from '../services/test-services.js';

export default async function setup(): Promise<() => Promise<void>> {
  const services = await startTestServices({
    log: (line) => process.stderr.write(`[sharq-testkit] ${line}\n`),
  });
  return () => services.stop();
}
