export * from './api.js';
export * from './frame.js';
export * from './header.js';
export * from './reader.js';
export * from './writer.js';
export * from './records/index.js';
