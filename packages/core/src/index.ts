export * from './errors.js';
export type * from './engine/engine.js';
export * from './protocol/index.js';
export * from './job/index.js';
export * from './embedded/index.js';
export * from './client/index.js';
