import { afterEach, describe, expect, it, vi } from 'vitest';
import { TypedEmitter } from '../../src/emitter/typed-emitter.js';

class Probe extends TypedEmitter<{ tick: [n: number]; error: [error: Error] }> {
  fire(n: number): boolean {
    return this.emit('tick', n);
  }
  fail(error: Error): boolean {
    return this.emit('error', error);
  }
}

function stderrLines(): string[] {
  const lines: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  return lines;
}

describe('TypedEmitter: the one emitter, safe semantics', () => {
  afterEach(() => vi.restoreAllMocks());

  it('calls listeners in order; once runs one time; off removes', () => {
    const probe = new Probe();
    const seen: string[] = [];
    const b = (n: number) => seen.push(`b${n}`);
    probe.on('tick', (n) => seen.push(`a${n}`)).once('tick', (n) => seen.push(`once${n}`));
    probe.on('tick', b);
    probe.fire(1);
    probe.off('tick', b);
    probe.fire(2);
    expect(seen).toEqual(['a1', 'once1', 'b1', 'a2']);
    expect(probe.listenerCount('tick')).toBe(1);
  });

  it('a throwing listener never breaks the caller: the rest run and its error is emitted as error', () => {
    const probe = new Probe();
    const errors: Error[] = [];
    const seen: number[] = [];
    probe.on('tick', () => {
      throw new Error('listener bug');
    });
    probe.on('tick', (n) => seen.push(n));
    probe.on('error', (error) => errors.push(error));
    expect(() => probe.fire(1)).not.toThrow();
    expect(seen).toEqual([1]);
    expect(errors.map((e) => e.message)).toEqual(['listener bug']);
  });

  it('an error nobody hears is logged to stderr, never thrown', () => {
    const lines = stderrLines();
    const probe = new Probe();
    expect(probe.fail(new Error('nobody listens'))).toBe(false);
    expect(lines.join('')).toMatch(/unheard error.*"emitter":"Probe"|"emitter":"Probe".*unheard error/);
    expect(lines.join('')).toContain('nobody listens');
  });

  it("a throwing 'error' listener is reported as unheard (no loop), never thrown", () => {
    const lines = stderrLines();
    const probe = new Probe();
    probe.on('error', () => {
      throw new Error('error listener bug');
    });
    expect(() => probe.fail(new Error('first'))).not.toThrow();
    expect(lines.join('')).toContain('error listener bug');
  });

  it('a throwing listener with no error listener is logged', () => {
    const lines = stderrLines();
    const probe = new Probe();
    probe.on('tick', () => {
      throw 'not an Error';
    });
    expect(() => probe.fire(1)).not.toThrow();
    expect(lines.join('')).toContain('a listener threw a non-Error value');
  });
});
