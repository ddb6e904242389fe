import { detachedKafkaStatus, startLocalKafka } from '@sharq/testkit';
import { loadConfigFile } from './config.js';
import type { CliContext } from './context.js';
import { UsageError } from './errors.js';

export interface ResolvedKafka {
  brokers: string[];
  /** Stops a broker this command started for itself; a no-op for brokers we only connect to. */
  release(): Promise<void>;
}

const splitBrokers = (list: string) =>
  list
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker.length > 0);

/**
 * Which Kafka a command talks to, in order: --brokers, $SHARQ_BROKERS, `brokers` in the config file,
 * the broker started by `sharq kafka start`, and (for the demo only) a throwaway local broker started now.
 */
export async function resolveKafka(
  brokersFlag: string | undefined,
  ctx: CliContext,
  options: { startIfMissing: boolean } = { startIfMissing: false },
): Promise<ResolvedKafka> {
  const { output } = ctx;
  const noop = async () => {};
  const configured = loadConfigFile(ctx.settings).brokers;
  const explicit =
    brokersFlag ??
    process.env.SHARQ_BROKERS ??
    (Array.isArray(configured) ? configured.join(',') : configured);
  if (explicit !== undefined) {
    const brokers = splitBrokers(explicit);
    if (brokers.length === 0) throw new UsageError('--brokers: expected host:port[,host:port…]');
    return { brokers, release: noop };
  }
  const detached = await detachedKafkaStatus();
  if (detached.serving && detached.brokers) return { brokers: detached.brokers, release: noop };
  if (!options.startIfMissing) {
    throw new UsageError(
      'no Kafka broker: pass --brokers host:port, set SHARQ_BROKERS, or run `sharq kafka start`',
    );
  }
  output.err('starting a local Kafka 4.4 broker for this run (first run downloads the jars with Maven)…');
  const kafka = await startLocalKafka({ log: (line) => output.err(`  ${line}`) });
  output.err(`  broker ready at ${kafka.bootstrap} in ${(kafka.startupMs / 1000).toFixed(1)} s`);
  return { brokers: kafka.brokers, release: () => kafka.stop() };
}
