/**
 * Builds the kafkajs client (produce, topic admin, the classic group consumer) from our compiled options,
 * with its logs routed to the user's pino logger or dropped. kafkajs otherwise prints to the console,
 * which is noise in tests and in the user's app.
 */
import { Kafka, type LogEntry, type SASLOptions, logLevel } from 'kafkajs';
import type { Logger } from 'pino';
import type { CompiledKafkaOptions } from './options.js';

export function createKafkajs(options: CompiledKafkaOptions): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    ssl: options.ssl,
    ...(options.sasl ? { sasl: toKafkajsSasl(options.sasl) } : {}),
    requestTimeout: options.requestTimeoutMs,
    connectionTimeout: options.connectTimeoutMs,
    logLevel: options.logger ? logLevel.WARN : logLevel.NOTHING,
    logCreator: () => routeTo(options.logger),
  });
}

function toKafkajsSasl(sasl: NonNullable<CompiledKafkaOptions['sasl']>): SASLOptions {
  const { username, password } = sasl;
  switch (sasl.mechanism) {
    case 'plain':
      return { mechanism: 'plain', username, password };
    case 'scram-sha-256':
      return { mechanism: 'scram-sha-256', username, password };
    case 'scram-sha-512':
      return { mechanism: 'scram-sha-512', username, password };
  }
}

function routeTo(logger: Logger | undefined): (entry: LogEntry) => void {
  if (!logger) return () => {};
  const child = logger.child({ component: 'kafkajs' });
  return ({ level, namespace, log }) => {
    const { message, ...extra } = log;
    const fields = { namespace, ...extra };
    if (level === logLevel.ERROR) child.error(fields, message);
    else if (level === logLevel.WARN) child.warn(fields, message);
    else if (level === logLevel.INFO) child.info(fields, message);
    else child.debug(fields, message);
  };
}
