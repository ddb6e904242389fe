import { describe, expect, it } from 'vitest';
import { randomClusterId } from '../../src/kafka/cluster-id.js';

describe('randomClusterId', () => {
  it('is 22 base64url characters that never start with a dash', () => {
    for (let i = 0; i < 200; i++) {
      const id = randomClusterId();
      expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
    }
  });
});
