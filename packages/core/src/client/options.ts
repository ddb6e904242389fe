/**
 * Cluster options: parsed once here (zod) into a frozen, fully-defaulted object; everything inside the
 * client trusts it.
 */
import type tls from 'node:tls';
import { z } from 'zod';
import { parseOptions } from '../options/parse-options.js';

const hostPort = z
  .string()
  .regex(/^(\[[0-9a-fA-F:.]+\]|[^:\s]+):\d{1,5}$/, 'expected "host:port"')
  .refine((s) => {
    const port = Number(s.slice(s.lastIndexOf(':') + 1));
    return port > 0 && port < 65536;
  }, 'port out of range');

const schema = z.object({
  brokers: z.array(hostPort).min(1, 'at least one bootstrap broker is required'),
  clientId: z.string().min(1).default('sharq'),
  ssl: z
    .union([
      z.literal(true),
      z.custom<tls.ConnectionOptions>(
        (v) => typeof v === 'object' && v !== null,
        'expected true or tls.ConnectionOptions',
      ),
    ])
    .optional(),
  sasl: z
    .object({
      mechanism: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']),
      username: z.string().min(1),
      password: z.string(),
    })
    .optional(),
  requestTimeoutMs: z.number().int().positive().default(30_000),
  connectTimeoutMs: z.number().int().positive().default(10_000),
  /** Fail connect() unless the broker advertises the share-group APIs (keys 76-79). */
  requireShareGroups: z.boolean().default(true),
  /** First reconnect delay; doubles per consecutive failure (with ±20 % jitter) up to retryBackoffMaxMs. */
  retryBackoffMs: z.number().int().nonnegative().default(100),
  retryBackoffMaxMs: z.number().int().nonnegative().default(2_000),
});

export type ClusterOptions = z.input<typeof schema>;
export type CompiledClusterOptions = Readonly<z.output<typeof schema>>;

export function compileClusterOptions(options: ClusterOptions): CompiledClusterOptions {
  return Object.freeze(parseOptions(schema, options));
}

/** "host:port" → parts; IPv6 may be bracketed. */
export function splitHostPort(address: string): { host: string; port: number } {
  const at = address.lastIndexOf(':');
  const host = address.slice(0, at).replace(/^\[(.*)\]$/, '$1');
  return { host, port: Number(address.slice(at + 1)) };
}
