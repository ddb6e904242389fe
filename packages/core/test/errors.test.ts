import { describe, expect, it } from 'vitest';
import { brokerError } from '../src/client/errors.js';
import {
  isSharqOwnErrorCode,
  NonErrorThrownError,
  SHARQ_ERROR_CODES,
  SharqError,
  type SharqErrorCode,
  toError,
} from '../src/errors.js';

describe('SharqErrorCode', () => {
  it('is a closed union: a misspelt code does not compile', () => {
    // @ts-expect-error 'INVALID_RECORD_STAT' is not a Kafka error name nor a Sharq code
    const misspelt: SharqErrorCode = 'INVALID_RECORD_STAT';
    const kafka: SharqErrorCode = 'INVALID_RECORD_STATE';
    const own: SharqErrorCode = 'VALIDATION';
    expect([misspelt, kafka, own]).toHaveLength(3);
  });

  it("a broker error's code is Kafka's name for it; an unlisted code keeps its number", () => {
    expect(brokerError(121).code).toBe('INVALID_RECORD_STATE');
    expect(brokerError(9999).code).toBe('KAFKA_ERROR_9999');
  });

  it('tells own codes from anything else that crossed a boundary as a string', () => {
    expect(isSharqOwnErrorCode('LOCK_LOST')).toBe(true);
    expect(isSharqOwnErrorCode('TypeError')).toBe(false);
    expect(new Set(SHARQ_ERROR_CODES).size).toBe(SHARQ_ERROR_CODES.length);
  });
});

describe('toError', () => {
  it('keeps an Error as it is, class and all', () => {
    const original = new TypeError('x');
    expect(toError(original)).toBe(original);
    const ours = new SharqError('TIMEOUT', 'late');
    expect(toError(ours)).toBe(ours);
  });

  it.each([
    ['a string', 'boom', 'code threw a non-Error value: "boom"'],
    ['undefined', undefined, 'code threw a non-Error value: undefined'],
    ['null', null, 'code threw a non-Error value: null'],
    ['an object', { n: 1 }, 'code threw a non-Error value: {"n":1}'],
  ])('wraps %s in a NonErrorThrownError that keeps the value', (_, thrown, message) => {
    const error = toError(thrown);
    expect(error).toBeInstanceOf(NonErrorThrownError);
    expect(error).toMatchObject({ code: 'NON_ERROR_THROWN', message, thrown });
  });

  it('names the thrower when told', () => {
    expect(toError(7, 'onRecord').message).toBe('onRecord threw a non-Error value: 7');
  });
});
