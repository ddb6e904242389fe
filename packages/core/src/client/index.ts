export type { BrokerLink } from './broker-pool.js';
export { Cluster, type ClusterNode, type SendOptions } from './cluster.js';
export {
  BrokerConnectionError,
  Connection as BrokerConnection,
  type ConnectionOptions as BrokerConnectionOptions,
} from './connection.js';
export {
  allBrokerErrors,
  type BrokerErrorInfo,
  brokerError,
  brokerErrorInfo,
  errorCodeOf,
  isKafkaProtocolError,
  KafkaProtocolError,
  throwIfBrokerError,
} from './errors.js';
export type { ClusterPartition, ClusterTopic } from './metadata-cache.js';
export type { ClusterOptions } from './options.js';
export type { SaslOptions } from './sasl/authenticate.js';
export { ScramError } from './sasl/scram.js';
export { TlsError } from './socket.js';
export { type ProtocolFeatures, protocolFeatures } from './broker-features.js';
export { SHARE_GROUP_APIS, ShareGroupsUnsupportedError } from './versions.js';
