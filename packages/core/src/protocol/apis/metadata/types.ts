/** Metadata (key 3): brokers, topic ids and partition leaders. Shared by v12 and v13. */

export interface MetadataRequestTopic {
  /** Zero uuid ('AAAAAAAAAAAAAAAAAAAAAA') when asking by name. */
  topicId: string;
  /** Null when asking by topic id. */
  name: string | null;
}

export interface MetadataRequest {
  /** Null = every topic; [] = none (brokers only). */
  topics: MetadataRequestTopic[] | null;
  allowAutoTopicCreation: boolean;
  includeTopicAuthorizedOperations: boolean;
}

export interface MetadataBroker {
  nodeId: number;
  host: string;
  port: number;
  rack: string | null;
}

export interface MetadataPartition {
  errorCode: number;
  partitionIndex: number;
  leaderId: number;
  leaderEpoch: number;
  replicaNodes: number[];
  isrNodes: number[];
  offlineReplicas: number[];
}

export interface MetadataTopic {
  errorCode: number;
  /** Null for a topic asked by id that does not exist. */
  name: string | null;
  /** Zero uuid for a topic asked by name that does not exist. */
  topicId: string;
  isInternal: boolean;
  partitions: MetadataPartition[];
  topicAuthorizedOperations: number;
}

export interface MetadataResponse {
  throttleTimeMs: number;
  brokers: MetadataBroker[];
  clusterId: string | null;
  controllerId: number;
  topics: MetadataTopic[];
  /** Top-level error (v13+, e.g. REBOOTSTRAP_REQUIRED); 0 on v12. */
  errorCode: number;
}
