import { describe, expect, it } from 'vitest';
import { renderPom } from '../../src/kafka/pom.js';

describe('renderPom', () => {
  it('names the broker and tools artifacts of the given release', () => {
    for (const version of ['4.2.2', '4.3.2', '4.4.0']) {
      const pom = renderPom(version);
      expect(pom).toContain(`<artifactId>kafka_2.13</artifactId><version>${version}</version>`);
      expect(pom).toContain(`<artifactId>kafka-tools</artifactId><version>${version}</version>`);
      expect(pom).toContain('<packaging>pom</packaging>');
    }
  });
});
