export { type AcquireGate, OPEN_GATE, PauseGate, type PauseSource } from './pause-gate.js';
export { type AttachOptions, type GatedPool, WorkerControl } from './worker-control.js';
