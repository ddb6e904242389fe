export * from './errors.js';
export type * from './engine/engine.js';
export * from './protocol/index.js';
