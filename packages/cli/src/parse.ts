import { ValidationError } from '@sharq/core';
import type { z } from 'zod';

/** Parses command flags once at the edge; a bad flag becomes a ValidationError naming it. */
export function parseFlags<Schema extends z.ZodType>(schema: Schema, flags: unknown): z.output<Schema> {
  const parsed = schema.safeParse(flags);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    path: `--${issue.path.map(String).join('.')}`,
    message: issue.message,
  }));
  const first = issues[0];
  throw new ValidationError(first ? `${first.path}: ${first.message}` : 'invalid flags', issues);
}
