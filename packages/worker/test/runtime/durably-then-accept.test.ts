import type { AckType } from '@sharq/core';
import { describe, expect, it } from 'vitest';
import { durablyThenAccept, type Settler } from '../../src/runtime/durably-then-accept.js';

function recordingSettler(accepts = true): Settler & { acks: AckType[]; errors: unknown[] } {
  const acks: AckType[] = [];
  const errors: unknown[] = [];
  return {
    acks,
    errors,
    ack: async (type) => {
      acks.push(type);
      return accepts;
    },
    failed: (error) => errors.push(error),
  };
}

describe('durablyThenAccept', () => {
  it('ACCEPTs the original only after the copy is durable', async () => {
    const settler = recordingSettler();
    const order: string[] = [];
    const copy = async () => {
      order.push('copy');
    };
    const wrapped: Settler = {
      ack: (type) => {
        order.push(type);
        return settler.ack(type);
      },
      failed: settler.failed,
    };
    expect(await durablyThenAccept(wrapped, copy)).toBe(true);
    expect(order).toEqual(['copy', 'accept']);
    expect(settler.errors).toEqual([]);
  });

  it('RELEASEs the original (never ACCEPTs it) when the copy fails, and reports the failure', async () => {
    const settler = recordingSettler();
    const failure = new Error('produce failed');
    expect(await durablyThenAccept(settler, () => Promise.reject(failure))).toBe(false);
    expect(settler.acks).toEqual(['release']);
    expect(settler.errors).toEqual([failure]);
  });

  it('answers false when the broker refused the ACCEPT', async () => {
    const settler = recordingSettler(false);
    expect(await durablyThenAccept(settler, async () => undefined)).toBe(false);
    expect(settler.acks).toEqual(['accept']);
  });
});
