import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EmbeddedEngine } from '../../src/embedded/index.js';
import { ValidationError } from '../../src/errors.js';
import { deliveryCountLimit, lockDurationMs, parseOptions } from '../../src/options/index.js';

const schema = z.strictObject({ n: z.number().int().min(1), list: z.array(z.string()).optional() });

function failure(input: unknown, root?: string): ValidationError {
  try {
    parseOptions(schema, input, root);
  } catch (error) {
    if (error instanceof ValidationError) return error;
  }
  throw new Error('expected a ValidationError');
}

describe('parseOptions: the one message format "<root>.<path>: <message>"', () => {
  it('names the field under its root, array items by index', () => {
    expect(failure({ n: 0 }, 'options')).toMatchObject({
      code: 'VALIDATION',
      path: 'options.n',
      message: 'options.n: Too small: expected number to be >=1',
    });
    expect(failure({ n: 1, list: ['a', 2] }, 'options').path).toBe('options.list[1]');
  });

  it('without a root the path stands alone; the whole input is "(root)"', () => {
    expect(failure({ n: 0 }).message).toBe('n: Too small: expected number to be >=1');
    expect(failure(null).message).toMatch(/^\(root\): /);
  });

  it('a root ending in "-" or " " is a prefix: CLI flags and file names', () => {
    expect(failure({ n: 0 }, '--').message).toBe('--n: Too small: expected number to be >=1');
    expect(failure({ n: 0 }, 'sharq.config.json: ').path).toBe('sharq.config.json: n');
  });

  it('keeps every issue, the first one in the message', () => {
    const error = failure({ n: 0, extra: 1 }, 'o');
    expect(error.issues.map((i) => i.path)).toEqual(['o.n', 'o']);
  });

  it('returns the parsed value', () => {
    expect(parseOptions(schema, { n: 2 })).toEqual({ n: 2 });
  });
});

describe('shared fragments: one bound wherever the field appears', () => {
  it.each([
    [lockDurationMs(), 999, 1_000, 3_600_000, 3_600_001],
    [deliveryCountLimit(), 1, 2, 25, 26],
  ])('%#: accepts the bounds, rejects one past them', (fragment, below, min, max, above) => {
    expect(fragment.safeParse(min).success).toBe(true);
    expect(fragment.safeParse(max).success).toBe(true);
    expect(fragment.safeParse(below).success).toBe(false);
    expect(fragment.safeParse(above).success).toBe(false);
  });

  it("the embedded engine's group defaults use them", () => {
    expect(() => new EmbeddedEngine({ defaults: { deliveryCountLimit: 26 } })).toThrow(
      expect.objectContaining({ path: 'defaults.deliveryCountLimit' }),
    );
    expect(() => new EmbeddedEngine({ defaults: { lockDurationMs: 999 } })).toThrow(
      expect.objectContaining({ path: 'defaults.lockDurationMs' }),
    );
  });
});
