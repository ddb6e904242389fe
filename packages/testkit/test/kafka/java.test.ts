import { describe, expect, it } from 'vitest';
import { parseJavaMajor } from '../../src/kafka/java.js';

describe('parseJavaMajor', () => {
  it('reads modern version strings', () => {
    expect(parseJavaMajor('openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment')).toBe(17);
    expect(parseJavaMajor('openjdk version "21" 2023-09-19')).toBe(21);
  });

  it('reads the legacy 1.x scheme as its minor number', () => {
    expect(parseJavaMajor('java version "1.8.0_392"')).toBe(8);
  });

  it('returns undefined for output it does not understand', () => {
    expect(parseJavaMajor('command not found')).toBeUndefined();
  });
});
