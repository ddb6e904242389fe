export * from './errors.js';
export * from './options/index.js';
export type * from './engine/engine.js';
export { REJOIN_DRAIN_MS } from './engine/engine.js';
export * from './protocol/index.js';
export * from './job/index.js';
export * from './observability/index.js';
export * from './embedded/index.js';
export * from './client/index.js';
export * from './engine/connection.js';
export * from './connect.js';
// The job layer's Connection (what users pass as `connection`) wins over the client's TCP Connection
// class at the package root; the latter stays importable as BrokerConnection.
export type { Connection } from './engine/connection.js';
export { Connection as BrokerConnection } from './client/connection.js';
export * from './kafka/index.js';
export * from './share/admin/index.js';
export * from './share/consumer/index.js';
