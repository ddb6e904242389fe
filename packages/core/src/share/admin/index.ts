export { alterShareGroupConfigs } from './alter-share-group-configs.js';
export {
  describeShareGroupConfigs,
  type ShareGroupConfigDescription,
} from './describe-share-group-configs.js';
export {
  describeShareGroup,
  type ShareGroupDetails,
  type ShareGroupMemberDetails,
} from './describe-share-group.js';
export { describeShareGroupOffsets, type ShareGroupOffset } from './describe-share-group-offsets.js';
export { listShareGroups, type ListedShareGroup } from './list-share-groups.js';
export { listOffsets, type PartitionOffset } from './list-offsets.js';
export { resetShareGroupOffsets, type ShareOffsetReset } from './reset-share-group-offsets.js';
export {
  CONFIG_OP_DELETE,
  CONFIG_OP_SET,
  GROUP_CONFIG_KEYS,
  RESOURCE_TYPE_GROUP,
  fromGroupConfigEntries,
  toGroupConfigEntries,
} from './group-configs.js';
export * from './broker-dlq.js';
export { detectBrokerCapabilities } from './broker-capabilities.js';
