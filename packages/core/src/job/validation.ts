/**
 * Turns a zod failure into our ValidationError. Message format (tested, stable):
 *   "<root>.<path>: <zod message>"  e.g. "opts.attempts: Too small: expected number to be >=1"
 */
import type { z } from 'zod';
import { ValidationError } from '../errors.js';

export function formatPath(root: string, path: readonly PropertyKey[]): string {
  let out = root;
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

export function toValidationError(root: string, error: z.ZodError): ValidationError {
  const issues = error.issues.map((issue) => ({
    path: formatPath(root, issue.path),
    message: issue.message,
  }));
  const first = issues[0] ?? { path: root, message: 'invalid' };
  return new ValidationError(`${first.path}: ${first.message}`, issues);
}

export function parseAt<S extends z.ZodType>(schema: S, input: unknown, root: string): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw toValidationError(root, result.error);
  return result.data;
}
