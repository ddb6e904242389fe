import { parseOptions } from '@sharq/core';
import { z } from 'zod';

const closeOptionsSchema = z.strictObject({
  /** How long running jobs may take to finish before they are aborted and released (ms; Infinity = wait). */
  timeout: z
    .union([
      z.number().min(0),
      // zod's number() rejects infinities; Infinity is how a caller says "wait as long as it takes".
      z.custom<number>((v) => v === Number.POSITIVE_INFINITY, 'must be a number of ms >= 0 or Infinity'),
    ])
    .default(30_000),
});

export type CloseOptions = z.input<typeof closeOptionsSchema>;

export function resolveCloseOptions(input: unknown): { timeout: number } {
  return parseOptions(closeOptionsSchema, input ?? {});
}
