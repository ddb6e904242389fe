import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { flagDefault, parseFlags } from '../src/parse.js';

const flags = z.object({
  jobs: z.coerce.number().int().min(1).default(500),
  isolation: z.enum(['thread', 'none']).default('thread'),
});

describe('flags', () => {
  it('names a bad flag as the user typed its prefix', () => {
    expect(() => parseFlags(flags, { jobs: '0' })).toThrow(
      expect.objectContaining({
        code: 'VALIDATION',
        path: '--jobs',
        message: expect.stringMatching(/^--jobs: /),
      }),
    );
  });

  it("shows the schema's default in help, and the schema parses what it shows back to the same value", () => {
    expect(flagDefault(flags.shape.jobs)).toBe('500');
    expect(flagDefault(flags.shape.isolation)).toBe('thread');
    expect(parseFlags(flags, { jobs: flagDefault(flags.shape.jobs) })).toEqual({
      jobs: 500,
      isolation: 'thread',
    });
  });
});
