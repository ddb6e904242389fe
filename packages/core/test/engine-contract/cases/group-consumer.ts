import { uniqueName } from '@sharq/testkit';
import { expect, it } from 'vitest';
import type { ContractContext } from '../context.js';
import { eventually, text } from '../helpers.js';

/** Classic group consumer: in-order delivery and retryAt pauses. */
export function groupConsumerCases(ctx: ContractContext): void {
  it('runs a classic group consumer in order and re-delivers a retryAt record no earlier than asked', async () => {
    const { engine, setup, keep, produceValues, settleMs } = ctx;
    const { topic } = await setup(1);
    await produceValues(topic, ['first', 'second']);
    const seen: { value: string; at: number }[] = [];
    let retryAt = 0;
    keep(
      engine.runGroupConsumer({
        groupId: uniqueName('contract-cg'),
        topics: [topic],
        onRecord: async (record) => {
          const value = text(record.value)!;
          seen.push({ value, at: Date.now() });
          if (value === 'first' && retryAt === 0) {
            retryAt = Date.now() + 800;
            return { kind: 'retryAt', at: retryAt };
          }
          return { kind: 'done' };
        },
      }),
    );
    await eventually('both processed', settleMs, async () => (seen.length >= 3 ? true : undefined));
    expect(seen.map((s) => s.value)).toEqual(['first', 'first', 'second']);
    expect(seen[1]!.at).toBeGreaterThanOrEqual(retryAt - 20);
  });
}
