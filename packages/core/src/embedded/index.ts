export type { Clock, TimerHandle, TimerOptions } from './clock.js';
export { systemClock } from './clock.js';
export { EmbeddedEngine } from './engine.js';
export { ManualClock } from './manual-clock.js';
export { murmur2, partitionForKey } from '../engine/murmur2.js';
export type { EmbeddedEngineOptions, GroupDefaults } from './options.js';
