/**
 * The one zod → ValidationError adapter: every options object, flag set and request body Sharq parses goes
 * through parseOptions. Message format (tested, stable), the first issue of the failure:
 *   "<root>.<path>: <zod message>"  e.g. "opts.attempts: Too small: expected number to be >=1"
 * With an empty root the path stands alone ("concurrency: …"); a failure of the whole input names the
 * root, or "(root)" when there is none. Every issue is kept in `issues`. A root ending in '-' or ' ' is a
 * prefix that joins its path without a dot: the CLI's "--" ("--jobs: …"), a file's "sharq.config.json: ".
 */
import type { z } from 'zod';
import { ValidationError } from '../errors.js';

export function formatPath(root: string, path: readonly PropertyKey[]): string {
  let out = root;
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' || out.endsWith('-') || out.endsWith(' ') ? String(part) : `.${String(part)}`;
  }
  return out;
}

export function toValidationError(root: string, error: z.ZodError): ValidationError {
  const issues = error.issues.map((issue) => ({
    path: formatPath(root, issue.path),
    message: issue.message,
  }));
  const first = issues[0] ?? { path: root, message: 'invalid' };
  return new ValidationError(`${first.path || '(root)'}: ${first.message}`, issues);
}

/** Parses `input` with `schema` once at the edge; a failure is a ValidationError whose paths start at `root`. */
export function parseOptions<S extends z.ZodType>(schema: S, input: unknown, root = ''): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw toValidationError(root, result.error);
  return result.data;
}
