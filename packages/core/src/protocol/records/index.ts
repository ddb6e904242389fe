export * from './compression.js';
export * from './crc32c.js';
export * from './decode.js';
export * from './encode.js';
export * from './types.js';
