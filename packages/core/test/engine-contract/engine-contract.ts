import { uniqueName } from '@sharq/testkit';
import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import type { Engine } from '../../src/engine/engine.js';
import { deadLetterCases } from './cases/dead-letter.js';
import { groupConsumerCases } from './cases/group-consumer.js';
import { shareDeliveryCases } from './cases/share-delivery.js';
import { topicCases } from './cases/topics.js';
import { windowedGroupConsumerCases } from './cases/windowed-group-consumer.js';
import type { ContractContext } from './context.js';

export interface ContractOptions {
  /** share.record.lock.duration.ms for the groups the suite creates (Kafka allows ≥ 1000 on the dev broker). */
  lockDurationMs?: number;
  /** How long a case waits for something that should happen "soon" (a join, a DLQ write). */
  settleMs?: number;
}

/**
 * The Engine contract: what the job layer relies on, run against every engine (embedded and Kafka)
 * with real time — short lock durations, no fake clock. Every case uses its own topic and group.
 */
export function runEngineContract(
  label: string,
  makeEngine: () => Promise<Engine> | Engine,
  options: ContractOptions = {},
): void {
  const lockMs = options.lockDurationMs ?? 2000;
  const settleMs = options.settleMs ?? 10_000;
  const caseTimeout = 3 * lockMs + 2 * settleMs;

  describe(`Engine contract: ${label}`, { timeout: caseTimeout }, () => {
    let current: Engine | undefined;
    const open: { close(): Promise<void> }[] = [];
    const engine = (): Engine => {
      if (!current) throw new Error('the contract engine is only available inside a case');
      return current;
    };

    beforeAll(async () => {
      current = await makeEngine();
    });
    afterEach(async () => {
      for (const item of open.splice(0)) await item.close();
    });
    afterAll(async () => {
      await current?.close();
    });

    const ctx: ContractContext = {
      get engine() {
        return engine();
      },
      lockMs,
      settleMs,
      async setup(partitions = 1, config = {}) {
        const topic = uniqueName('contract');
        const group = uniqueName('contract-g');
        await engine().ensureTopic({ name: topic, partitions });
        await engine().configureShareGroup(group, {
          autoOffsetReset: 'earliest',
          lockDurationMs: lockMs,
          ...config,
        });
        return { topic, group };
      },
      consumer(groupId, topic) {
        const created = engine().createShareConsumer({ groupId, topics: [topic], clientId: 'contract' });
        open.push(created);
        return created;
      },
      keep(subscription) {
        open.push(subscription);
        return subscription;
      },
      produceValues(topic, values) {
        return engine().produce(
          topic,
          values.map((value) => ({ value })),
        );
      },
    };

    topicCases(ctx);
    shareDeliveryCases(ctx);
    deadLetterCases(ctx);
    groupConsumerCases(ctx);
    windowedGroupConsumerCases(ctx);
  });
}
