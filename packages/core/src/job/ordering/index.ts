export {
  decodeOrderingRecord,
  encodeOrderingRecord,
  type OrderingRecord,
  type QueueOrdering,
  QueueOrderingMismatchError,
  readQueueOrdering,
  recordKeyOrdering,
} from './ordering-mode.js';
export { type BlockedKey, listBlockedKeys } from './blocked-keys.js';
