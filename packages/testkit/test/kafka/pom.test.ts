import { describe, expect, it } from 'vitest';
import { renderPom } from '../../src/kafka/pom.js';

describe('renderPom', () => {
  it('names the Kafka 4.4.0 broker and tools artifacts', () => {
    const pom = renderPom();
    expect(pom).toContain('<artifactId>kafka_2.13</artifactId><version>4.4.0</version>');
    expect(pom).toContain('<artifactId>kafka-tools</artifactId><version>4.4.0</version>');
    expect(pom).toContain('<packaging>pom</packaging>');
  });
});
