export * from './errors.js';
export type * from './engine/engine.js';
