export {
  decodeOrderingRecord,
  encodeOrderingRecord,
  type OrderingRecord,
  type QueueOrdering,
  QueueOrderingMismatchError,
  readQueueOrdering,
  recordKeyOrdering,
} from './ordering-mode.js';
