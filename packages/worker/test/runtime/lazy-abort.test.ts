import { describe, expect, it } from 'vitest';
import { LazyAbort } from '../../src/runtime/lazy-abort.js';

describe('LazyAbort', () => {
  it('tells the running attempt once, and the signal carries the first reason', () => {
    const aborter = new LazyAbort();
    const heard: Error[] = [];
    aborter.onAbort = (reason) => heard.push(reason);
    const signal = aborter.signal;
    expect(signal.aborted).toBe(false);
    const first = new Error('timeout');
    aborter.abort(first);
    aborter.abort(new Error('close'));
    expect(heard).toEqual([first]);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe(first);
    expect(aborter.reason).toBe(first);
  });

  it('a signal first read after the abort is already aborted with its reason', () => {
    const aborter = new LazyAbort();
    const reason = new Error('lock lost');
    aborter.abort(reason);
    expect(aborter.signal.aborted).toBe(true);
    expect(aborter.signal.reason).toBe(reason);
  });
});
