import { describe, expect, it } from 'vitest';
import {
  BROKER_DLQ_HEADERS,
  BROKER_DLQ_REASONS,
  parseBrokerDlqHeaders,
} from '../../../src/share/admin/broker-dlq.js';

describe('parseBrokerDlqHeaders', () => {
  it('reads the headers as measured on Kafka 4.4.0', () => {
    const headers = {
      [BROKER_DLQ_HEADERS.topic]: Buffer.from('orders'),
      [BROKER_DLQ_HEADERS.partition]: Buffer.from('1'),
      [BROKER_DLQ_HEADERS.offset]: Buffer.from('42'),
      [BROKER_DLQ_HEADERS.group]: Buffer.from('workers'),
      [BROKER_DLQ_HEADERS.deliveryCount]: Buffer.from('5'),
      [BROKER_DLQ_HEADERS.message]: Buffer.from(BROKER_DLQ_REASONS.deliveryCountExceeded),
    };
    expect(parseBrokerDlqHeaders(headers)).toEqual({
      topic: 'orders',
      partition: 1,
      offset: 42,
      group: 'workers',
      deliveryCount: 5,
      message: 'Offset delivery count exceeded the threshold.',
      reason: 'delivery-count-exceeded',
    });
  });

  it('classifies a REJECT and an unknown reason; ignores records without the headers', () => {
    const base = { [BROKER_DLQ_HEADERS.topic]: 't' };
    expect(
      parseBrokerDlqHeaders({ ...base, [BROKER_DLQ_HEADERS.message]: 'Offset rejected by client.' })?.reason,
    ).toBe('rejected');
    expect(parseBrokerDlqHeaders({ ...base, [BROKER_DLQ_HEADERS.message]: 'something new' })?.reason).toBe(
      'other',
    );
    expect(parseBrokerDlqHeaders({ 'x-other': Buffer.from('1') })).toBeUndefined();
  });
});
