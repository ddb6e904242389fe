import { describe, expect, it } from 'vitest';
import { fromGroupConfigEntries, toGroupConfigEntries } from '../../../src/share/admin/group-configs.js';

describe('share group config mapping', () => {
  it('maps only the given keys to Kafka group config names, values as strings', () => {
    expect(
      toGroupConfigEntries({
        lockDurationMs: 5000,
        autoOffsetReset: 'earliest',
        deadLetterCopyRecord: false,
      }),
    ).toEqual([
      { name: 'share.record.lock.duration.ms', value: '5000' },
      { name: 'share.auto.offset.reset', value: 'earliest' },
      { name: 'errors.deadletterqueue.copy.record.enable', value: 'false' },
    ]);
    expect(toGroupConfigEntries({})).toEqual([]);
  });

  it('round-trips every key', () => {
    const config = {
      lockDurationMs: 1000,
      deliveryCountLimit: 4,
      autoOffsetReset: 'latest' as const,
      deadLetterTopic: 'dlq.q',
      deadLetterCopyRecord: true,
      heartbeatIntervalMs: 500,
      sessionTimeoutMs: 6000,
    };
    const values = new Map(toGroupConfigEntries(config).map((e) => [e.name, e.value]));
    expect(fromGroupConfigEntries(values)).toEqual(config);
  });

  it('leaves out empty, unknown and unparsable broker values', () => {
    const values = new Map<string, string | null>([
      ['errors.deadletterqueue.topic.name', ''],
      ['share.auto.offset.reset', 'by_duration:PT1H'],
      ['share.record.lock.duration.ms', 'abc'],
      ['share.delivery.count.limit', null],
      ['share.isolation.level', 'read_committed'],
    ]);
    expect(fromGroupConfigEntries(values)).toEqual({});
  });
});
