import { afterEach, describe, expect, it } from 'vitest';
import { TestkitError } from '../../src/errors.js';
import { findJava } from '../../src/kafka/java.js';

const savedJavaHome = process.env.JAVA_HOME;
afterEach(() => {
  if (savedJavaHome === undefined) delete process.env.JAVA_HOME;
  else process.env.JAVA_HOME = savedJavaHome;
});

describe('findJava', () => {
  it('names the JDK to install when java cannot be run', () => {
    process.env.JAVA_HOME = '/nonexistent-java-home';
    let error: unknown;
    try {
      findJava();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TestkitError);
    expect((error as TestkitError).code).toBe('JAVA_MISSING');
    expect((error as TestkitError).message).toMatch(/Java 17\+ is required.*openjdk-17/);
  });
});
