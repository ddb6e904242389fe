/**
 * KafkaEngine options: what the user writes, parsed once by zod into a frozen, trusted object.
 *
 * Bad input → ValidationError whose message and `path` name the offending field, e.g.
 * "kafka.brokers[0]: broker must be host:port".
 */
import type { ConnectionOptions } from 'node:tls';
import type { Logger } from 'pino';
import { z } from 'zod';
import { parseOptions } from '../options/parse-options.js';

const hostPort = z
  .string()
  .regex(/^(\[[0-9a-fA-F:.]+\]|[^\s:[\]]+):\d{1,5}$/, 'broker must be host:port')
  .refine((s) => {
    const port = Number(s.slice(s.lastIndexOf(':') + 1));
    return port > 0 && port < 65536;
  }, 'port must be 1..65535');

const saslSchema = z.strictObject({
  mechanism: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']),
  username: z.string().min(1),
  password: z.string(),
});

/** TLS options are passed through to node:tls untouched; only their shape (an object) is checked. */
const tlsSchema = z.custom<ConnectionOptions>(
  (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  {
    message: 'ssl must be true, false or a tls.ConnectionOptions object',
  },
);

const loggerSchema = z.custom<Logger>(
  (v) =>
    typeof v === 'object' &&
    v !== null &&
    typeof (v as Logger).warn === 'function' &&
    typeof (v as Logger).error === 'function' &&
    typeof (v as Logger).child === 'function',
  { message: 'logger must be a pino logger' },
);

const optionsSchema = z.strictObject({
  brokers: z.array(hostPort).min(1, 'at least one broker is required'),
  clientId: z
    .string()
    .regex(/^[a-zA-Z0-9._-]+$/, 'clientId may contain only letters, digits, ".", "_" and "-"')
    .default('sharq'),
  ssl: z.union([z.boolean(), tlsSchema]).default(false),
  sasl: saslSchema.optional(),
  requestTimeoutMs: z.number().int().positive().default(30_000),
  connectTimeoutMs: z.number().int().positive().default(10_000),
  /** Where kafkajs' and our client's logs go; none = silent (tests, libraries). */
  logger: loggerSchema.optional(),
});

export type KafkaConnectionOptions = z.input<typeof optionsSchema>;

export interface CompiledKafkaOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly ssl: ConnectionOptions | boolean;
  readonly sasl: Readonly<z.output<typeof saslSchema>> | undefined;
  readonly requestTimeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly logger: Logger | undefined;
}

export function parseKafkaOptions(input: unknown): CompiledKafkaOptions {
  const o = parseOptions(optionsSchema, input, 'kafka');
  return Object.freeze({
    brokers: Object.freeze([...o.brokers]),
    clientId: o.clientId,
    ssl: o.ssl,
    sasl: o.sasl ? Object.freeze({ ...o.sasl }) : undefined,
    requestTimeoutMs: o.requestTimeoutMs,
    connectTimeoutMs: o.connectTimeoutMs,
    logger: o.logger,
  });
}
