import { describe, expect, it } from 'vitest';
import { kafkaRelease } from '../../src/kafka/kafka-version.js';
import {
  brokerProperties as brokerPropertiesFor,
  renderProperties,
  TEST_BROKER_BOUNDS,
} from '../../src/kafka/server-properties.js';

const layout = { host: '127.0.0.1', port: 41001, controllerPort: 41002, logDir: '/tmp/x/kafka-logs' };
const brokerProperties = (l: typeof layout, overrides?: Record<string, number>) =>
  brokerPropertiesFor(l, kafkaRelease('4.4.0'), overrides);

describe('brokerProperties', () => {
  it('describes a combined broker+controller on the given loopback ports', () => {
    const props = brokerProperties(layout);
    expect(props['process.roles']).toBe('broker,controller');
    expect(props['controller.quorum.voters']).toBe('1@127.0.0.1:41002');
    expect(props.listeners).toBe('PLAINTEXT://127.0.0.1:41001,CONTROLLER://127.0.0.1:41002');
    expect(props['advertised.listeners']).toBe('PLAINTEXT://127.0.0.1:41001');
    expect(props['log.dirs']).toBe('/tmp/x/kafka-logs');
  });

  it('runs the share coordinator on a single replica', () => {
    const props = brokerProperties(layout);
    expect(props['share.coordinator.state.topic.replication.factor']).toBe(1);
    expect(props['share.coordinator.state.topic.min.isr']).toBe(1);
    expect(props['offsets.topic.replication.factor']).toBe(1);
    expect(props['transaction.state.log.min.isr']).toBe(1);
  });

  it('carries the dev broker lowered share-group bounds and the DLQ auto-create', () => {
    const props = brokerProperties(layout);
    expect(props).toMatchObject({
      'group.share.min.record.lock.duration.ms': 1000,
      'group.share.min.session.timeout.ms': 6000,
      'group.share.session.timeout.ms': 10000,
      'group.share.min.heartbeat.interval.ms': 500,
      'group.share.heartbeat.interval.ms': 1000,
      'group.share.max.delivery.count.limit': 25,
      'group.share.min.delivery.count.limit': 2,
      'errors.deadletterqueue.auto.create.topics.enable': true,
      'auto.create.topics.enable': false,
    });
  });

  it('lets overrides replace bounds and add properties', () => {
    const props = brokerProperties(layout, {
      'group.share.record.lock.duration.ms': 2000,
      'num.partitions': 3,
    });
    expect(props['group.share.record.lock.duration.ms']).toBe(2000);
    expect(props['num.partitions']).toBe(3);
    expect(TEST_BROKER_BOUNDS['num.partitions']).toBe(1);
  });
});

describe('brokerProperties per release', () => {
  it('leaves out the bounds a release does not know (per-group delivery limit 4.3, DLQ 4.4)', () => {
    const v42 = brokerPropertiesFor(layout, kafkaRelease('4.2.2'));
    expect(v42).not.toHaveProperty('group.share.max.delivery.count.limit');
    expect(v42).not.toHaveProperty('errors.deadletterqueue.auto.create.topics.enable');
    expect(v42['group.share.min.record.lock.duration.ms']).toBe(1000);
    const v43 = brokerPropertiesFor(layout, kafkaRelease('4.3.2'));
    expect(v43['group.share.max.delivery.count.limit']).toBe(25);
    expect(v43).not.toHaveProperty('errors.deadletterqueue.auto.create.topics.enable');
    expect(brokerPropertiesFor(layout, kafkaRelease('4.4.0'))).toMatchObject({
      'group.share.max.delivery.count.limit': 25,
      'errors.deadletterqueue.auto.create.topics.enable': true,
    });
  });
});

describe('renderProperties', () => {
  it('writes one key=value line per property', () => {
    const text = renderProperties({
      'node.id': 1,
      'auto.create.topics.enable': false,
      listeners: 'PLAINTEXT://h:1',
    });
    expect(text.split('\n')).toEqual(
      expect.arrayContaining(['node.id=1', 'auto.create.topics.enable=false', 'listeners=PLAINTEXT://h:1']),
    );
  });

  it('escapes backslashes and line breaks so a Windows path or a newline cannot corrupt the file', () => {
    const text = renderProperties({ 'log.dirs': 'C:\\kafka\\logs', evil: 'a\nb=c' });
    expect(text).toContain('log.dirs=C:\\\\kafka\\\\logs');
    expect(text).toContain('evil=a\\nb=c');
    expect(text).not.toMatch(/^b=c$/m);
  });
});
