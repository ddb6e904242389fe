import { describe, expect, it } from 'vitest';
import { PauseGate } from '../../src/control/pause-gate.js';

describe('PauseGate', () => {
  it('is closed while any source pauses it, and tells listeners only on a change', () => {
    const gate = new PauseGate();
    const heard: boolean[] = [];
    gate.onChange((paused) => heard.push(paused));
    gate.set('queue', true);
    gate.set('worker', true);
    expect(gate.isPaused()).toBe(true);
    gate.set('queue', false);
    expect(gate.isPaused()).toBe(true);
    expect(gate.isPausedBy('worker')).toBe(true);
    expect(gate.isPausedBy('queue')).toBe(false);
    gate.set('worker', false);
    expect(gate.isPaused()).toBe(false);
    expect(heard).toEqual([true, false]);
  });

  it('whenOpen waits for the gate to open, or for the abort', async () => {
    const gate = new PauseGate();
    await gate.whenOpen(new AbortController().signal);
    gate.set('queue', true);
    let opened = false;
    const waiting = gate.whenOpen(new AbortController().signal).then(() => (opened = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(opened).toBe(false);
    gate.set('queue', false);
    await waiting;
    gate.set('worker', true);
    const stop = new AbortController();
    const aborted = gate.whenOpen(stop.signal);
    stop.abort();
    await aborted;
    expect(gate.isPaused()).toBe(true);
  });
});
