import { parseOptions } from '@sharq/core';
import type { z } from 'zod';

/** Parses command flags once at the edge; a bad flag becomes a ValidationError naming it ("--jobs: …"). */
export function parseFlags<Schema extends z.ZodType>(schema: Schema, flags: unknown): z.output<Schema> {
  return parseOptions(schema, flags, '--');
}

/**
 * The default a flag's schema gives when the flag is absent, for commander's help text: the zod schema is
 * where defaults are written, commander only shows them.
 */
export function flagDefault(field: z.ZodType): string {
  return String(field.parse(undefined));
}
