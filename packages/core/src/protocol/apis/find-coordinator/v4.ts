/**
 * FindCoordinator v4 — the first batched version (CoordinatorKeys array) (grammar in ./grammar.ts):
 *   FindCoordinatorRequest v4 => KeyType:INT8 [CoordinatorKeys:COMPACT_STRING] TAG_BUFFER
 *   FindCoordinatorResponse v4 => ThrottleTimeMs:INT32 [Key:COMPACT_STRING NodeId:INT32 Host:COMPACT_STRING
 *                                 Port:INT32 ErrorCode:INT16 ErrorMessage:COMPACT_NULLABLE_STRING TAG_BUFFER] TAG_BUFFER
 */
import { findCoordinatorCodec } from './grammar.js';

export const findCoordinatorV4 = findCoordinatorCodec(4);
