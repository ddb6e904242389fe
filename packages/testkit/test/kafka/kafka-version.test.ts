import { afterEach, describe, expect, it } from 'vitest';
import { TestkitError } from '../../src/errors.js';
import { kafkaRelease, selectedKafkaRelease } from '../../src/kafka/kafka-version.js';

const saved = process.env.SHARQ_KAFKA_VERSION;
afterEach(() => {
  if (saved === undefined) delete process.env.SHARQ_KAFKA_VERSION;
  else process.env.SHARQ_KAFKA_VERSION = saved;
});

describe('kafkaRelease', () => {
  it('formats 4.4 with share.version=2 (broker-side DLQ) and 4.2/4.3 with share.version=1', () => {
    expect(kafkaRelease('4.4.0')).toMatchObject({ line: '4.4', shareFeatureLevel: 2 });
    expect(kafkaRelease('4.3.2')).toMatchObject({ line: '4.3', shareFeatureLevel: 1 });
    expect(kafkaRelease('4.2.2')).toMatchObject({ line: '4.2', major: 4, minor: 2, shareFeatureLevel: 1 });
  });

  it('refuses releases before 4.2 and names that are not x.y.z', () => {
    for (const bad of ['4.1.2', '3.9.1', '4.4', 'latest', '']) {
      const error = (() => {
        try {
          kafkaRelease(bad);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(TestkitError);
      expect((error as TestkitError).code).toBe('KAFKA_VERSION_UNSUPPORTED');
    }
  });
});

describe('selectedKafkaRelease', () => {
  it('takes an explicit release, else SHARQ_KAFKA_VERSION, else 4.4.0', () => {
    delete process.env.SHARQ_KAFKA_VERSION;
    expect(selectedKafkaRelease().version).toBe('4.4.0');
    process.env.SHARQ_KAFKA_VERSION = '4.3.2';
    expect(selectedKafkaRelease().version).toBe('4.3.2');
    expect(selectedKafkaRelease('4.2.2').version).toBe('4.2.2');
  });
});
